using System.Diagnostics;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Scenarios.Notifier;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// The storm itself, on given accounts of a running ArScale system (its silo and Notifiers started, sending to
/// <paramref name="sink"/>, the tool an Orleans client of it): the accounts set up with a closed window and an invoice
/// due today (<see cref="StormAccounts"/>), T0 chosen from how long that took (<see cref="StormInstant"/>), the windows
/// opened at T0, the grains deactivated; then from T0 the sink watched until every notice is final and at the sink,
/// and what the sink, <c>notice_log</c>, PostgreSQL, the cores and the services' logs saw collected. <c>storm</c> runs
/// it on new accounts of a system of its own, <c>scale</c> on a slice of the accounts it holds: one code, one report.
/// </summary>
public sealed class StormOnAccounts(StormSettings settings, LoadInfra infra, RunSystem system, IMailSink sink, IGrainFactory grains)
{
    /// <param name="label">How the report names the storm (its system, and what sets it apart).</param>
    /// <param name="setUp">What the first pass does, for the console: "Creating 200 accounts".</param>
    /// <param name="servicesUp">How long starting the services took, for the report's set-up line (0 when they were up already).</param>
    /// <param name="duringStorm">
    /// Started at T0 beside the watch (the <c>faults</c> scenario injects its failure here); the storm's counts are
    /// taken once it has ended, so whatever it stopped is back by then.
    /// </param>
    public async Task<ArScaleStormResult> RunAsync(
        string label, string runId, StormAccounts accounts, string setUp, TimeSpan servicesUp, CancellationToken cancellationToken,
        Func<StormInstant, CancellationToken, Task>? duringStorm = null)
    {
        var setUpClock = Stopwatch.StartNew();
        var day = StormDay.Choose(DateTimeOffset.UtcNow);
        var create = await Timed(() => WithProgress(
            Invariant($"{setUp} (profile + invoice due today in {day.TimeZone}, one ExecuteMany each)"), accounts.Count,
            tick => accounts.SetUpAsync(grains, day, tick, cancellationToken)));

        // Opening the windows costs about what the first pass did (a state write and a reminder each), and so does
        // deactivating (each grain writes its state on the way out).
        var lead = settings.LeadAfter(create.Elapsed, passes: settings.Warm ? 1 : 2);
        var instant = StormInstant.At(day, DateTimeOffset.UtcNow + lead);
        AnsiConsole.MarkupLine(Invariant($"  T0 = [bold]{instant.DueAt:HH:mm:ss} UTC[/], in {lead.TotalSeconds:0} s ({instant.TimeZone}: send window from {instant.Window.Start:HH:mm:ss} local)"));
        var leadStarted = Stopwatch.StartNew();
        var open = await Timed(() => WithProgress(
            "Opening each account's send window at T0 (UpsertProfile)", accounts.Count,
            tick => accounts.OpenWindowsAsync(grains, instant, tick, cancellationToken)));
        var deactivated = 0;
        var deactivate = TimeSpan.Zero;
        if (!settings.Warm)
        {
            var clock = Stopwatch.StartNew();
            deactivated = await AnsiConsole.Status().StartAsync("Deactivating the account grains...", status =>
                StormAccounts.DeactivateAllAsync(grains, active => status.Status(Invariant($"Deactivating the account grains: {active:N0} still active...")), TimeSpan.FromMinutes(30), cancellationToken));
            deactivate = clock.Elapsed;
            AnsiConsole.MarkupLine(Invariant($"  [green]✓[/] cold: {deactivated:N0} account grains deactivated [grey]({deactivate.TotalSeconds:0.0} s)[/]"));
        }

        var setUpTook = servicesUp + setUpClock.Elapsed;
        var idleBeforeDue = instant.DueAt - DateTimeOffset.UtcNow;
        await using var log = new NoticeLogQueries(system.Database.ConnectionString);
        var components = infra.ComponentPids().Where(component => component.Name is "postgres" or "rabbitmq")
            .Append(sink.Cpu with { Name = "sink" })
            .Concat(system.Started.Select(service => new CpuComponent(ComponentName(service), service.Id)))
            .Append(CpuComponent.LoadTool).ToList();

        StormWatch.EnsureAhead(instant.DueAt, leadStarted.Elapsed, lead);
        await StormWatch.UntilAsync(instant.DueAt - TimeSpan.FromSeconds(1), instant.DueAt, cancellationToken);
        var countersBefore = await log.CountersAsync(cancellationToken);
        await StormWatch.UntilAsync(instant.DueAt, instant.DueAt, cancellationToken);
        var cpuStart = CpuSnapshot.Take(components);
        var timeline = new CpuTimeline(components);
        using var stopFault = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fault = duringStorm?.Invoke(instant, stopFault.Token) ?? Task.CompletedTask;
        bool timedOut;
        try
        {
            timedOut = await StormWatch.DeliveriesAsync(
                sink, accounts.Count, settings.StormTimeout,
                async token => await FinishedAsync(log, accounts.Count, token),
                () => fault.IsFaulted ? $"the fault injected during the storm failed: {fault.Exception!.GetBaseException().Message}"
                    : system.Dead is { } dead ? $"{dead.Name} exited during the storm. Last lines of {dead.LogFile}:\n{dead.Tail()}" : null,
                cancellationToken);
        }
        catch
        {
            await stopFault.CancelAsync();
            await Task.WhenAny(fault);
            throw;
        }
        finally
        {
            await timeline.DisposeAsync();
        }

        await fault;
        var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(components));
        var counters = (await log.CountersAsync(cancellationToken)).Minus(countersBefore);
        // A duplicate would come after the original: the .NET sink's log is at most 100 ms behind.
        await Task.Delay(ReceiptLog.FlushInterval * 5, cancellationToken);
        var receipts = (await sink.ReceiptsAsync(cancellationToken)).Where(receipt => accounts.Owns(sink, receipt)).ToList();
        var times = await log.TimesAsync(cancellationToken);
        var statuses = await log.StatusCountsAsync(cancellationToken);

        var failures = await Step("service logs", "error entries counted", () => Task.Run(() => system.Started
            .Select(service => ServiceLogs.Failures(service.Name, service.LogFile)).ToList(), cancellationToken));
        var figures = StormFigures.From(label, instant.DueAt, receipts, accounts.ExpectedNotices(instant), cpu, timeline, timedOut);
        var decidedPerSecond = StormSteps.PerSecond(instant.DueAt, times.Select(time => time.EmittedAt), figures.PerSecond.Count);
        return new ArScaleStormResult(
            runId, settings.WakeUpSpread, instant, figures, StormSteps.From(instant.DueAt, times, receipts), decidedPerSecond, statuses, counters, failures,
            new StormSetUp(servicesUp.TotalSeconds, create.Elapsed.TotalSeconds, open.Elapsed.TotalSeconds, deactivated, deactivate.TotalSeconds, setUpTook.TotalSeconds, idleBeforeDue.TotalSeconds));
    }

    /// <summary>Nothing more can arrive: every account's notice is in a final state in the log, and every Sent one is at the sink.</summary>
    private async Task<bool> FinishedAsync(NoticeLogQueries log, int notices, CancellationToken cancellationToken)
    {
        var counts = await log.StatusCountsAsync(cancellationToken);
        var sent = counts.GetValueOrDefault("Sent");
        var final = sent + counts.GetValueOrDefault("Failed") + counts.GetValueOrDefault("Rejected") + counts.GetValueOrDefault("Suppressed");
        return final >= notices && await sink.CountAsync(cancellationToken) >= sent;
    }

    /// <summary>The report's name for a service's CPU: the Notifiers together; a Gateway when the system has one (<c>scale</c>'s projects every account change).</summary>
    private static string ComponentName(ServiceProcess service) =>
        service.Name.StartsWith("silo", StringComparison.Ordinal) ? "silo"
        : service.Name.StartsWith("gateway", StringComparison.Ordinal) ? "gateway"
        : "notifiers";
}
