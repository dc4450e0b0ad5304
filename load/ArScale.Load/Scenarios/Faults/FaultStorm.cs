using System.Diagnostics;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Scenarios.Notifier;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One storm fault on a system of its own (fresh database, virtual host, cluster and sink), with the silos and
/// Notifiers the fault needs: the storm of <see cref="StormOnAccounts"/> on K cold accounts whose reminders wake over
/// the spread, the fault injected at a third of it, then the ground truth read and judged.
/// </summary>
public sealed class FaultStorm(StormFault fault, FaultSettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    /// <summary>
    /// Long enough for the slowest honest recovery: the outage, a Notifier's claim lease (2 min) or membership's
    /// verdict on a dead silo, the reminder period (a tick lost with a dead silo comes back one period later) and the
    /// retry backoff's longest pause (1 min), on top of the storm itself.
    /// </summary>
    private TimeSpan Timeout => settings.WakeUpSpread + settings.Outage + settings.EffectiveReminderPeriod + TimeSpan.FromSeconds(180 + (settings.Accounts * 0.05));

    public async Task<FaultRow> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule(Invariant($"[bold]{fault.Name}[/]: {Markup.Escape(fault.How(settings))} — {settings.Accounts:N0} accounts (run {Markup.Escape(runId)})")).LeftJustified());
        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        var setUp = Stopwatch.StartNew();
        var storm = new StormSettings(
            settings.Accounts, settings.WakeUpSpread, fault.Notifiers, ConcurrentMessageLimit: StormSettings.DefaultConcurrency, PrefetchCount: StormSettings.DefaultPrefetch, PoolSize: 8, ReminderWork: StormSettings.DefaultReminderWork,
            Warm: false, SinkKind.Dotnet, Lead: null, Timeout, settings.QuietWait, settings.KeepData);
        var accounts = StormAccounts.Fresh(runId, settings.Accounts);
        await using var sink = await Step("sink", "dotnet", () => DotnetSink.StartAsync(processes, infra.Layout, infra.Layout.RawDirectory(runId), cancellationToken));
        await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken, sink.Smtp);
        for (var silo = 1; silo <= fault.Silos; silo++)
        {
            var name = Invariant($"silo-{silo}");
            await system.StartAsync(name, $"healthy (WakeUpSpread {storm.SpreadLabel})", services => services.StartSiloAsync(name, settings.SiloEnvironment(storm.SiloEnvironment()), cancellationToken));
        }

        await system.StartAllAsync("notifiers", Invariant($"{fault.Notifiers} healthy"),
            services => services.StartNotifiersAsync(fault.Notifiers, "notifier", NotifierEnvironment(storm), cancellationToken));
        await using var client = await Step("load client", "Orleans client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));

        FaultEvent? injected = null;
        var result = await new StormOnAccounts(storm, infra, system, sink, client.Grains).RunAsync(
            fault.Name, runId, accounts, Invariant($"Creating {settings.Accounts:N0} accounts"), setUp.Elapsed, cancellationToken,
            async (instant, token) =>
            {
                var target = new FaultTarget(system, sink, infra, settings, storm, accounts, instant, client.Grains);
                injected = await fault.InjectAsync(target, token);
                AnsiConsole.MarkupLine(Invariant($"  [yellow]fault[/] {Markup.Escape(fault.Name)} at T0 + {(injected.HitAt - instant.DueAt).TotalSeconds:0.0} s: {Markup.Escape(injected.Note)}"));
            });
        var truth = await Step("ground truth", "sink, notice_log, grain states, error queues", () =>
            StormGroundTruth.ReadAsync(system, sink, client.Grains, accounts, result.Instant, cancellationToken));

        var hit = injected ?? throw new LoadFailedException($"{fault.Name} never hit: the storm ended before a third of its spread");
        var allowed = fault.AllowedDuplicates(hit);
        var verdict = fault.Judge(truth, hit, settings.Accounts);
        var failures = verdict.Failures.ToList();
        failures.AddRange(SiloChecks(truth, settings.Accounts));
        if (result.Figures.TimedOut)
        {
            failures.Add(Invariant($"the storm had not finished {Timeout.TotalSeconds:0} s after T0"));
        }

        var lastReceipt = result.Figures.LastSeconds is { } last ? result.Instant.DueAt + TimeSpan.FromSeconds(last) : (DateTimeOffset?)null;
        return new FaultRow(
            fault.Name, fault.How(settings), settings.Accounts, (hit.HitAt - result.Instant.DueAt).TotalSeconds, hit.LoadHeld,
            lastReceipt is { } at ? Math.Max(0, (at - hit.EndedAt).TotalSeconds) : null,
            verdict.Lost, verdict.Duplicated, allowed, truth.Failed, ServerErrors: null, failures,
            verdict.Observation is { } observed ? $"{hit.Note}; {observed}" : hit.Note,
            result.Figures.PerSecond, DateTimeOffset.UtcNow);
    }

    private Dictionary<string, string> NotifierEnvironment(StormSettings storm)
    {
        var environment = new Dictionary<string, string>(storm.NotifierEnvironment(), StringComparer.Ordinal);
        foreach (var (key, value) in fault.NotifierSettings(settings))
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>A silo fault also needs every account's reminder kept and the killed silo marked dead.</summary>
    private IEnumerable<string> SiloChecks(StormGroundTruth truth, int accounts)
    {
        if (fault is not SiloKill)
        {
            yield break;
        }

        if (truth.AccountsWithReminder < accounts)
        {
            yield return Invariant($"only {truth.AccountsWithReminder} of {accounts} accounts still have their reminder");
        }

        // The killed incarnation is the oldest silo-2 row; a restarted one is a newer generation and must be alive.
        var killed = truth.MembershipStatus.Where(entry => entry.Key.StartsWith("silo-2#", StringComparison.Ordinal)).OrderBy(entry => entry.Key, StringComparer.Ordinal).FirstOrDefault();
        if (killed.Key is null || killed.Value != StormGroundTruth.DeadStatus)
        {
            yield return $"the killed silo is not marked dead in membership ({string.Join(", ", truth.MembershipStatus.Select(entry => $"{entry.Key}: {entry.Value}"))})";
        }
    }
}
