using ArScale.Contracts.Accounts;
using ArScale.Load.Infrastructure;
using ArScale.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>
/// The load tool's own connection to a run's system: an Orleans client of its cluster (to create accounts, as the
/// Gateway would) and a bus on its virtual host (to publish notices, as the account grains would). Configured the
/// way the Notifier is: the same <c>Orleans</c> section (ADO.NET clustering on the <c>postgres</c> connection),
/// <see cref="DunningSerialization.AddDunningSerialization"/>, and <see cref="BusExtensions.AddArScaleBus"/> with
/// publisher confirms.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private readonly IHost host;

    private LoadClient(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public static async Task<LoadClient> StartAsync(SystemSettings system, CancellationToken cancellationToken)
    {
        // No logging providers: the console belongs to the progress display; failures surface as exceptions.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = system.Postgres,
            ["ConnectionStrings:rabbitmq"] = system.RabbitMq,
            // src/Notifier/appsettings.json's Orleans section, with the run's cluster id.
            ["Orleans:ClusterId"] = system.ClusterId,
            ["Orleans:ServiceId"] = system.ClusterId,
            ["Orleans:Clustering:ProviderType"] = "AdoNet",
            ["Orleans:Clustering:ConnectionName"] = "postgres",
            ["Orleans:Clustering:Invariant"] = "Npgsql",
        });
        builder.UseOrleansClient();
        builder.Services.AddDunningSerialization();
        builder.AddArScaleBus();

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new LoadClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
