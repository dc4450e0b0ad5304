using System.Net;
using ArScale.Messaging;
using ArScale.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ArScale.Tests.Support;

/// <summary>
/// A real silo in the test process, configured by the production silo's own appsettings.json and
/// <see cref="SiloHostingExtensions.AddArScaleSilo"/>, pointed at the test database.
/// </summary>
public static class SiloHost
{
    public static async Task<IHost> StartAsync(string connectionString, string clusterId, string name,
        Action<MassTransit.IBusRegistrationConfigurator>? bus = null, Action<IServiceCollection>? services = null, string? rabbitMq = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "silo.appsettings.json"), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = connectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitMq ?? TestEnvironment.RabbitMq,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Orleans:Name"] = name,
            ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddArScaleSilo(silo => silo.Services.Configure<EndpointOptions>(endpoints => endpoints.AdvertisedIPAddress = IPAddress.Loopback));
        builder.AddArScaleBus(configure =>
        {
            configure.AddSiloConsumers();
            bus?.Invoke(configure);
        });
        builder.Services.AddBusEventPublisher();
        services?.Invoke(builder.Services);

        // As strict as the Development host the AppHost runs: a scoped service in a singleton fails here, not in production.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
