using ArScale.Contracts.Accounts;
using ArScale.Messaging;
using ArScale.Notifier.Hosting;
using ArScale.ServiceDefaults.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Integration.Tests.Support;

/// <summary>
/// A real Notifier in the test process, wired by the production Notifier's appsettings.json and its own
/// <see cref="NotifierServices"/>, against the test database, broker, silo cluster and SMTP server.
/// </summary>
public static class NotifierHost
{
    public static async Task<IHost> StartAsync(
        string postgres, string rabbitMq, string clusterId, string? smtp = null, IDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "notifier.appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = postgres,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["ConnectionStrings:smtp"] = smtp ?? TestEnvironment.Smtp,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            // Short backoff so retry tests take seconds, not minutes.
            ["ArScale:Notifier:Retry:MinInterval"] = "00:00:00.200",
            ["ArScale:Notifier:Retry:MaxInterval"] = "00:00:01",
            ["ArScale:Notifier:Retry:IntervalDelta"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddArScaleOrleansClient();
        builder.Services.AddDunningSerialization();
        builder.AddNotifier();
        builder.AddArScaleBus(bus => bus.AddNoticeConsumers());
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
