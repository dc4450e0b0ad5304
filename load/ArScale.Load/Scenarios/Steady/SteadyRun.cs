using System.Diagnostics;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Scenarios.Notifier;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// One steady load on a system of its own (fresh database, virtual host, cluster id and sink), made by the storm's
/// own code (<see cref="StormOnAccounts"/>, as <c>faults</c> composes it): rate × duration accounts whose notices all
/// fall due at T0, on silos whose <c>WakeUpSpread</c> is the duration, so that each account wakes at its own offset
/// inside it and the notices fall due at the rate asked. Once the storm's watch has ended, and before the system is
/// removed, the tool reads every e-mail's receipt and every notice's Sent row, and measures each from its own due
/// instant (<see cref="SteadyFigures"/>).
/// </summary>
public sealed class SteadyRun(SteadySettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    public async Task<SteadyResult> RunAsync(CancellationToken cancellationToken)
    {
        var storm = settings.Storm;
        AnsiConsole.Write(new Rule(Invariant($"[bold]ArScale steady load[/]: {Markup.Escape(settings.RateLabel)} = {storm.Accounts:N0} accounts over a {storm.SpreadLabel} wake-up spread (run {Markup.Escape(runId)})")).LeftJustified());
        await QuietMachine.WaitAsync(storm.QuietWait, cancellationToken);
        var setUp = Stopwatch.StartNew();
        var accounts = StormAccounts.Fresh(runId, storm.Accounts);
        await using var sink = await Step("sink", storm.Sink.Name(), () => SinkKinds.OpenAsync(storm.Sink, infra, processes, infra.Layout.RawDirectory(runId), cancellationToken));
        try
        {
            await using var system = await RunSystem.CreateAsync(infra, processes, runId, storm.KeepData, cancellationToken, sink.Smtp);
            for (var silo = 1; silo <= storm.Silos; silo++)
            {
                var name = Invariant($"silo-{silo}");
                await system.StartAsync(storm.Silos == 1 ? "silo" : name, $"healthy (WakeUpSpread {storm.SpreadLabel})", services => services.StartSiloAsync(name, storm.SiloEnvironment(), cancellationToken));
            }

            await system.StartAllAsync("notifiers", Invariant($"{storm.Notifiers} healthy"),
                services => services.StartNotifiersAsync(storm.Notifiers, "notifier", storm.NotifierEnvironment(), cancellationToken));
            await using var client = await Step("load client", "Orleans client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));

            var result = await new StormOnAccounts(storm, infra, system, sink, client.Grains)
                .RunAsync(ArScaleStorm.System, runId, accounts, Invariant($"Creating {storm.Accounts:N0} accounts"), setUp.Elapsed, cancellationToken);
            var receipts = (await sink.ReceiptsAsync(cancellationToken)).Where(receipt => accounts.Owns(sink, receipt)).ToList();
            var sent = await Step("notice_log", "each notice's decision, claim and Sent read", () =>
                SentTimes.ReadAsync(system.Database.ConnectionString, accounts.IdPrefix, cancellationToken));
            return new SteadyResult(result, SteadyFigures.From(settings, accounts, result, receipts, sent));
        }
        finally
        {
            if (!storm.KeepData)
            {
                await sink.DiscardAsync(receipt => accounts.Owns(sink, receipt), CancellationToken.None);
            }
        }
    }
}

/// <summary>A steady load: the storm it was made of (figures from T0, steps, CPU, database, logs) and its own figures.</summary>
public sealed record SteadyResult(ArScaleStormResult Storm, SteadyFigures Steady)
{
    public bool Passed => Storm.Passed;
}
