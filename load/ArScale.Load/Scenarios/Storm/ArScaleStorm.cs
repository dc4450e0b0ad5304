using System.Diagnostics;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Scenarios.Notifier;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// One ArScale storm on a system of its own (fresh database, virtual host, cluster id and sink): a silo and the
/// Notifiers start, K accounts are created whose notices all fall due at T0 (<see cref="StormInstant"/>), their grains
/// are deactivated, and from T0 the tool watches the sink until every notice's e-mail is there. Nothing is sent by the
/// tool: each e-mail is the product of a reminder firing, an account grain deciding, the outbox publishing, a
/// Notifier checking, rendering and sending.
/// </summary>
public sealed class ArScaleStorm(StormSettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    public const string System = "ArScale";

    /// <summary>How the report names this run: the system, and its wake-up spread when a report compares spreads.</summary>
    public string Label { get; init; } = System;

    public async Task<ArScaleStormResult> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule(Invariant($"[bold]ArScale storm[/]: {settings.Accounts:N0} accounts (run {Markup.Escape(runId)})")).LeftJustified());
        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        var setUp = Stopwatch.StartNew();
        var accounts = StormAccounts.Fresh(runId, settings.Accounts);
        await using var sink = await Step("sink", settings.Sink.Name(), () => SinkKinds.OpenAsync(settings.Sink, infra, processes, infra.Layout.RawDirectory(runId), cancellationToken));
        try
        {
            await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken, sink.Smtp);
            for (var silo = 1; silo <= settings.Silos; silo++)
            {
                var name = Invariant($"silo-{silo}");
                await system.StartAsync(settings.Silos == 1 ? "silo" : name, $"healthy (WakeUpSpread {settings.SpreadLabel})", services => services.StartSiloAsync(name, settings.SiloEnvironment(), cancellationToken));
            }

            await system.StartAllAsync("notifiers", Invariant($"{settings.Notifiers} healthy"),
                services => services.StartNotifiersAsync(settings.Notifiers, "notifier", settings.NotifierEnvironment(), cancellationToken));
            await using var client = await Step("load client", "Orleans client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));
            var servicesUp = setUp.Elapsed;

            return await new StormOnAccounts(settings, infra, system, sink, client.Grains)
                .RunAsync(Label, runId, accounts, Invariant($"Creating {settings.Accounts:N0} accounts"), servicesUp, cancellationToken);
        }
        finally
        {
            if (!settings.KeepData)
            {
                await sink.DiscardAsync(receipt => accounts.Owns(sink, receipt), CancellationToken.None);
            }
        }
    }
}
