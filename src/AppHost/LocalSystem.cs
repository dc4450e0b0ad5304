using System.Diagnostics;
using ArScale.Migrations;
using Microsoft.Extensions.Logging;

namespace ArScale.AppHost;

/// <summary>
/// Brings the whole system up in order (infrastructure, migrations, silos, gateway, notifier), each
/// waited for before the next, and down again in reverse.
/// </summary>
public sealed class LocalSystem(RepositoryLayout layout, Infrastructure infrastructure, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> started = [];
    private readonly StrayProcesses strays = new(Path.Combine(layout.StateDirectory(infrastructure.Profile), "apphost.pids"));
    private readonly SingleInstance instance = new(Path.Combine(layout.StateDirectory(infrastructure.Profile), "apphost.lock"));

    public IReadOnlyList<ServiceProcess> Services => started;
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <summary>The admin key the Gateway was given, for the user to create client keys with.</summary>
    public string OperatorApiKey { get; private set; } = "";

    public async Task StartAsync(IReadOnlyList<ServiceDefinition> services, CancellationToken cancellationToken)
    {
        // Only with the lock held may leftovers be killed: they could be the services of a running AppHost.
        instance.Acquire();
        strays.KillLeftovers();

        await Step("infrastructure", () => infrastructure.StartAsync(cancellationToken));
        var environment = new Dictionary<string, string>(await infrastructure.EnvironmentAsync(cancellationToken));
        OperatorApiKey = OperatorKey.LoadOrCreate(layout.StateDirectory(infrastructure.Profile));
        foreach (var (name, value) in OperatorKey.GatewaySettings(OperatorApiKey))
        {
            environment[name] = value;
        }

        Environment = environment;

        await Step("migrations", () =>
        {
            var applied = DatabaseMigrator.Migrate(Environment["ConnectionStrings__postgres"], loggerFactory.CreateLogger("ArScale.Migrations"));
            Console.WriteLine(applied.Count == 0 ? "Database schema is up to date." : $"Applied {applied.Count} migration(s).");
            return Task.CompletedTask;
        });

        foreach (var definition in services)
        {
            await Step(definition.Name, async () =>
            {
                var service = new ServiceProcess(definition, layout, Environment);
                started.Add(service);
                service.Start();
                strays.Record(service.ProcessId);
                await service.WaitUntilHealthyAsync(HealthTimeout, cancellationToken);
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(started))
        {
            await service.StopAsync(TimeSpan.FromSeconds(15));
        }

        if (instance.Held)
        {
            strays.Clear();
            await infrastructure.StopAsync();
            instance.Dispose();
        }
    }

    private static async Task Step(string name, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"==> {name}: starting");
        await action();
        Console.WriteLine($"==> {name}: ready in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
