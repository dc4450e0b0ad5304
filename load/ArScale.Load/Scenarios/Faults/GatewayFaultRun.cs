using ArScale.Load.Infrastructure;
using ArScale.Load.Scenarios.Notifier;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>One Gateway fault on a system of its own: fresh database, virtual host and cluster, a silo and a Gateway.</summary>
public sealed class GatewayFaultRun(GatewayFault fault, FaultSettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    public async Task<FaultRow> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule(Invariant($"[bold]{fault.Name}[/]: {Markup.Escape(fault.How(settings))} (run {Markup.Escape(runId)})")).LeftJustified());
        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken);
        await system.StartAsync("silo-1", "healthy", services => services.StartSiloAsync("silo-1", cancellationToken));
        var apiKey = ApiKeys.NewKey();
        var gateway = await system.StartAsync("gateway", "healthy, load key bootstrapped", services => services.StartGatewayAsync("gateway", apiKey, cancellationToken, fault.GatewaySettings));
        await using var client = await Step("load client", "Orleans and bus client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));
        var target = new GatewayTarget(system, infra, settings, new Uri(Invariant($"http://127.0.0.1:{gateway.HttpPort}/")), apiKey, client, runId);
        var row = await fault.RunAsync(target, cancellationToken);
        if (system.Dead is { } dead)
        {
            return row with { Failures = [.. row.Failures, $"{dead.Name} died during the run"] };
        }

        return row;
    }
}
