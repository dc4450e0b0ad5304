using ArScale.AppHost;
using Microsoft.Extensions.Logging;

// Starts the whole ArScale system on this machine: infrastructure, migrations, two silos, gateway, notifier.
// Ctrl+C stops everything it started.

using var shutdown = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; shutdown.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; shutdown.Cancel(); });

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var layout = RepositoryLayout.FromBuild();
var infrastructure = new Infrastructure(layout, profile: "dev");
var services = SystemTopology.Local(environmentName: "Development");

await using var system = new LocalSystem(layout, infrastructure, loggerFactory);
try
{
    await system.StartAsync(services, shutdown.Token);
}
catch (StartupFailedException failure)
{
    Console.Error.WriteLine($"\nArScale did not start. {failure.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    return 130;
}

WhereToLook.Print(system);
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("\nStopping ArScale...");
}

return 0;
