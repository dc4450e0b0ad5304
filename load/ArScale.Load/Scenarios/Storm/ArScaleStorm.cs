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
        await using var sink = await Step("sink", settings.Sink.Name(), () => SinkKinds.OpenAsync(settings.Sink, infra, processes, infra.Layout.RawDirectory(runId), cancellationToken));
        try
        {
            await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken, sink.Smtp);
            await system.StartAsync("silo", $"healthy (WakeUpSpread {settings.SpreadLabel})", services => services.StartSiloAsync("silo-1", settings.SiloEnvironment(), cancellationToken));
            await system.StartAllAsync("notifiers", Invariant($"{settings.Notifiers} healthy"),
                services => services.StartNotifiersAsync(settings.Notifiers, "notifier", settings.NotifierEnvironment(), cancellationToken));
            await using var client = await Step("load client", "Orleans client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));
            var servicesUp = setUp.Elapsed;

            var day = StormDay.Choose(DateTimeOffset.UtcNow);
            var accountIds = Enumerable.Range(1, settings.Accounts).Select(index => StormAccounts.AccountId(runId, index)).ToList();
            var create = await Timed(() => WithProgress(
                Invariant($"Creating {settings.Accounts:N0} accounts (profile + invoice due today in {day.TimeZone}, one ExecuteMany each)"), settings.Accounts,
                tick => StormAccounts.CreateAsync(client.Grains, accountIds, day, tick, cancellationToken)));

            // Opening the windows costs about what creating did (a state write and a reminder each), and so does
            // deactivating (each grain writes its state on the way out).
            var lead = settings.LeadAfter(create.Elapsed, passes: settings.Warm ? 1 : 2);
            var instant = StormInstant.At(day, DateTimeOffset.UtcNow + lead);
            AnsiConsole.MarkupLine(Invariant($"  T0 = [bold]{instant.DueAt:HH:mm:ss} UTC[/], in {lead.TotalSeconds:0} s ({instant.TimeZone}: send window from {instant.Window.Start:HH:mm:ss} local)"));
            var leadStarted = Stopwatch.StartNew();
            var open = await Timed(() => WithProgress(
                "Opening each account's send window at T0 (UpsertProfile)", settings.Accounts,
                tick => StormAccounts.OpenWindowsAsync(client.Grains, accountIds, instant, tick, cancellationToken)));
            var deactivated = 0;
            var deactivate = TimeSpan.Zero;
            if (!settings.Warm)
            {
                var clock = Stopwatch.StartNew();
                deactivated = await AnsiConsole.Status().StartAsync("Deactivating the account grains...", status =>
                    StormAccounts.DeactivateAllAsync(client.Grains, active => status.Status(Invariant($"Deactivating the account grains: {active:N0} still active...")), TimeSpan.FromMinutes(30), cancellationToken));
                deactivate = clock.Elapsed;
                AnsiConsole.MarkupLine(Invariant($"  [green]✓[/] cold: {deactivated:N0} account grains deactivated [grey]({deactivate.TotalSeconds:0.0} s)[/]"));
            }

            var setUpTook = setUp.Elapsed;
            var idleBeforeDue = instant.DueAt - DateTimeOffset.UtcNow;
            await using var log = new NoticeLogQueries(system.Database.ConnectionString);
            var components = infra.ComponentPids().Where(component => component.Name is "postgres" or "rabbitmq")
                .Append(sink.Cpu with { Name = "sink" })
                .Concat(system.Started.Select(service => new CpuComponent(service.Name.StartsWith("silo", StringComparison.Ordinal) ? "silo" : "notifiers", service.Id)))
                .Append(CpuComponent.LoadTool).ToList();

            StormWatch.EnsureAhead(instant.DueAt, leadStarted.Elapsed, lead);
            await StormWatch.UntilAsync(instant.DueAt - TimeSpan.FromSeconds(1), instant.DueAt, cancellationToken);
            var countersBefore = await log.CountersAsync(cancellationToken);
            await StormWatch.UntilAsync(instant.DueAt, instant.DueAt, cancellationToken);
            var cpuStart = CpuSnapshot.Take(components);
            var timeline = new CpuTimeline(components);
            bool timedOut;
            try
            {
                timedOut = await StormWatch.DeliveriesAsync(
                    sink, settings.Accounts, settings.StormTimeout,
                    async token => await FinishedAsync(log, sink, token),
                    () => system.Dead is { } dead ? $"{dead.Name} exited during the storm. Last lines of {dead.LogFile}:\n{dead.Tail()}" : null,
                    cancellationToken);
            }
            finally
            {
                await timeline.DisposeAsync();
            }

            var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(components));
            var counters = (await log.CountersAsync(cancellationToken)).Minus(countersBefore);
            // A duplicate would come after the original: the .NET sink's log is at most 100 ms behind.
            await Task.Delay(ReceiptLog.FlushInterval * 5, cancellationToken);
            var receipts = (await sink.ReceiptsAsync(cancellationToken)).Where(receipt => BelongsToRun(sink, receipt)).ToList();
            var times = await log.TimesAsync(cancellationToken);
            var statuses = await log.StatusCountsAsync(cancellationToken);

            var failures = await Step("service logs", "error entries counted", () => Task.Run(() => system.Started
                .Select(service => ServiceLogs.Failures(service.Name, service.LogFile)).ToList(), cancellationToken));
            var expected = accountIds.Select(accountId => instant.NoticeId(accountId, StormAccounts.InvoiceId)).ToHashSet(StringComparer.Ordinal);
            var figures = StormFigures.From(Label, instant.DueAt, receipts, expected, cpu, timeline, timedOut);
            var decidedPerSecond = StormSteps.PerSecond(instant.DueAt, times.Select(time => time.EmittedAt), figures.PerSecond.Count);
            return new ArScaleStormResult(
                runId, settings.WakeUpSpread, instant, figures, StormSteps.From(instant.DueAt, times, receipts), decidedPerSecond, statuses, counters, failures,
                new StormSetUp(servicesUp.TotalSeconds, create.Elapsed.TotalSeconds, open.Elapsed.TotalSeconds, deactivated, deactivate.TotalSeconds, setUpTook.TotalSeconds, idleBeforeDue.TotalSeconds));
        }
        finally
        {
            if (!settings.KeepData)
            {
                await sink.DiscardAsync(receipt => BelongsToRun(sink, receipt), CancellationToken.None);
            }
        }
    }

    /// <summary>Nothing more can arrive: every account's notice is in a final state in the log, and every Sent one is at the sink.</summary>
    private async Task<bool> FinishedAsync(NoticeLogQueries log, IMailSink sink, CancellationToken cancellationToken)
    {
        var counts = await log.StatusCountsAsync(cancellationToken);
        var sent = counts.GetValueOrDefault("Sent");
        var final = sent + counts.GetValueOrDefault("Failed") + counts.GetValueOrDefault("Rejected") + counts.GetValueOrDefault("Suppressed");
        return final >= settings.Accounts && await sink.CountAsync(cancellationToken) >= sent;
    }

    /// <summary>The .NET sink is the run's alone; aiosmtpd's Maildir is shared, and the run's e-mails are told by their notice ids.</summary>
    private bool BelongsToRun(IMailSink sink, SinkReceipt receipt) =>
        receipt.NoticeId is { } id ? id.StartsWith(StormAccounts.AccountPrefix(runId), StringComparison.Ordinal) : sink.Kind == SinkKind.Dotnet;
}
