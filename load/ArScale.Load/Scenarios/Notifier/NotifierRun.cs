using System.Diagnostics;
using System.Globalization;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Reports;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>
/// One measurement with K Notifier processes, on a system of its own (fresh database, virtual host and cluster id):
/// silo up, accounts created, a Notifier started once so the queues exist and stopped, every notice published
/// (the queue holds them all), then K Notifiers started together and timed until <c>notice_log</c> says every
/// notice is Sent. The sink's receipts are then checked for exactly one e-mail per notice.
/// </summary>
public sealed class NotifierRun(ScenarioSettings settings, LoadInfra infra, ServiceProcesses processes, string stamp, int notifierCount)
{
    private const string NoticeQueue = "notice-due";
    private const string OutcomeQueue = "notice-outcome";

    public string RunId { get; } = Invariant($"{stamp}-k{notifierCount}");

    public async Task<NotifierRunResult> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule($"[bold]{notifierCount} Notifier process(es)[/] (run {Markup.Escape(RunId)})").LeftJustified());
        var virtualHost = $"arscale-load-{RunId}";
        var databaseName = $"arscale_load_{RunId.Replace('-', '_')}";
        using var rabbit = new RabbitManagement(infra.RabbitManagement, infra.RabbitMq);
        LoadDatabase? database = null;
        var virtualHostCreated = false;
        var started = new List<ServiceProcess>();
        LoadClient? client = null;
        IMailSink? sink = null;
        IReadOnlyList<SinkReceipt> stored = [];
        try
        {
            database = await Step("database", $"{databaseName}, migrated", () => LoadDatabase.CreateAsync(infra.Postgres, databaseName, cancellationToken));
            var amqp = await Step("virtual host", virtualHost, () => rabbit.CreateVirtualHostAsync(virtualHost, cancellationToken));
            virtualHostCreated = true;
            sink = await Step("sink", settings.Sink.Name(), () => SinkKinds.OpenAsync(settings.Sink, infra, processes, infra.Layout.RawDirectory(RunId), cancellationToken));
            var system = new SystemSettings(database.ConnectionString, amqp, sink.Smtp.ToString(), $"load-{RunId}");
            var services = new ArScaleServices(processes, infra.Layout, system, infra.Layout.RawDirectory(RunId));

            var silo = await Step("silo", "healthy", () => services.StartSiloAsync("silo-1", cancellationToken));
            started.Add(silo);
            client = await Step("load client", "Orleans client and bus connected", () => LoadClient.StartAsync(system, cancellationToken));

            var accountIds = Enumerable.Range(1, settings.Accounts).Select(index => AccountSeeder.AccountId(RunId, index)).ToList();
            var seed = await Timed(() => WithProgress(
                Invariant($"Creating {settings.Accounts:N0} accounts × {settings.InvoicesPerAccount} invoices"), settings.Accounts,
                tick => AccountSeeder.SeedAsync(client.Grains, accountIds, settings.InvoicesPerAccount, tick, cancellationToken)));
            var seeded = Stopwatch.StartNew();

            // The queues are the Notifier's to declare (with their bindings): one starts, declares them and stops.
            await Step("queues", "declared by a Notifier started once and stopped", async () =>
            {
                var declaring = await services.StartNotifierAsync("notifier-declare", settings.NotifierEnvironment(), cancellationToken);
                await processes.StopAsync([declaring]);
                return declaring;
            });

            var invoices = Enumerable.Range(1, settings.InvoicesPerAccount).ToList();
            var notices = settings.Grouped
                ? [.. accountIds.SelectMany(accountId => invoices.Select(invoice => NoticeFactory.Due(accountId, invoice, RunId)))]
                : invoices.SelectMany(invoice => accountIds.Select(accountId => NoticeFactory.Due(accountId, invoice, RunId))).ToList();
            var publish = await Timed(() => WithProgress(
                Invariant($"Publishing {notices.Count:N0} NoticeDue (publisher confirms, {settings.PublishInFlight} in flight)"), notices.Count,
                tick => PublishAsync(client, notices, tick, cancellationToken)));
            await Step("queue", Invariant($"{NoticeQueue} holds all {notices.Count:N0}"), () => WaitForQueueAsync(rabbit, virtualHost, NoticeQueue, notices.Count, TimeSpan.FromSeconds(60), cancellationToken));

            await using var log = new NoticeLogQueries(database.ConnectionString);
            // Backends flush their statistics within 10 s of going idle: the seeding's must be in before the baseline.
            var settle = TimeSpan.FromSeconds(11) - seeded.Elapsed;
            if (settle > TimeSpan.Zero)
            {
                await Task.Delay(settle, cancellationToken);
            }

            await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
            var countersBefore = await log.CountersAsync(cancellationToken);

            var notifiers = await Step("notifiers", Invariant($"{notifierCount} started together, healthy"),
                () => services.StartNotifiersAsync(notifierCount, "notifier", settings.NotifierEnvironment(), cancellationToken));
            started.AddRange(notifiers);
            var cpuComponents = infra.ComponentPids()
                .Concat(started.Select(service => new CpuComponent(service.Name.StartsWith("silo", StringComparison.Ordinal) ? "silo" : "notifiers", service.Id)))
                .Where(component => component.Name != "aiosmtpd")
                .Append(sink.Cpu with { Name = "sink" })
                .Append(CpuComponent.LoadTool).ToList();
            var cpuStart = CpuSnapshot.Take(cpuComponents);
            var timeline = new CpuTimeline(cpuComponents);
            IReadOnlyDictionary<string, long> statuses;
            try
            {
                statuses = await DrainAsync(log, notices.Count, notifiers, cancellationToken);
            }
            finally
            {
                await timeline.DisposeAsync();
            }

            var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(cpuComponents));

            var sent = await log.SentAsync(cancellationToken);
            stored = await AnsiConsole.Status().StartAsync("Reading the sink's receipts...", async _ =>
            {
                // Receipts reach the .NET sink's log within 100 ms of the 250.
                await Task.Delay(ReceiptLog.FlushInterval * 3, cancellationToken);
                return (await sink.ReceiptsAsync(cancellationToken)).Where(BelongsToRun).ToList();
            });
            var outcomeLag = await Timed(() => WaitForQueueAsync(rabbit, virtualHost, OutcomeQueue, 0, TimeSpan.FromSeconds(180), cancellationToken));

            await processes.StopAsync(notifiers);
            await client.DisposeAsync();
            client = null;
            await processes.StopAsync([silo]);
            var counters = (await log.CountersAsync(cancellationToken)).Minus(countersBefore);

            return NotifierRunResult.From(
                notifierCount, RunId, notices.Select(notice => notice.NoticeId).ToHashSet(StringComparer.Ordinal), sent, statuses, stored.Select(receipt => receipt.NoticeId).ToList(),
                cpu, timeline, counters, seed.Elapsed.TotalSeconds, publish.Elapsed.TotalSeconds, outcomeLag.Elapsed.TotalSeconds);
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }

            await processes.StopAsync(started);
            if (sink is not null)
            {
                await sink.DisposeAsync();
            }

            if (!settings.KeepData)
            {
                if (database is not null)
                {
                    await database.DropAsync();
                }

                if (virtualHostCreated)
                {
                    await rabbit.DeleteVirtualHostAsync(virtualHost);
                }

                // A run that failed before counting still leaves e-mails in aiosmtpd's Maildir: found by their notice ids and removed too.
                if (sink is not null)
                {
                    await sink.DiscardAsync(BelongsToRun, CancellationToken.None);
                }
            }
        }
    }

    private bool BelongsToRun(SinkReceipt receipt) => receipt.NoticeId is { } id && NoticeFactory.BelongsTo(id, RunId);

    /// <summary>Waits until every notice is Sent; fails early when the rest can no longer become Sent or a Notifier died.</summary>
    private async Task<IReadOnlyDictionary<string, long>> DrainAsync(NoticeLogQueries log, int total, IReadOnlyList<ServiceProcess> notifiers, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Sent 0", maxValue: total);
                while (true)
                {
                    var counts = await log.StatusCountsAsync(cancellationToken);
                    var sentCount = counts.GetValueOrDefault("Sent");
                    task.Value = sentCount;
                    task.Description = Invariant($"Sent {sentCount:N0} / {total:N0}") + string.Concat(counts
                        .Where(entry => entry.Key != "Sent").OrderBy(entry => entry.Key, StringComparer.Ordinal)
                        .Select(entry => Invariant($", {entry.Key} {entry.Value:N0}")));
                    if (sentCount >= total)
                    {
                        return counts;
                    }

                    var final = sentCount + counts.GetValueOrDefault("Failed") + counts.GetValueOrDefault("Rejected") + counts.GetValueOrDefault("Suppressed");
                    if (final >= total)
                    {
                        throw new LoadFailedException(Invariant($"only {sentCount:N0} of {total:N0} notices were sent: {Describe(counts)}"));
                    }

                    if (notifiers.FirstOrDefault(notifier => notifier.HasExited) is { } dead)
                    {
                        throw new LoadFailedException($"{dead.Name} exited during the run. Last lines of {dead.LogFile}:\n{dead.Tail()}");
                    }

                    if (deadline.Elapsed > settings.Timeout)
                    {
                        throw new LoadFailedException(Invariant($"not every notice was sent within {settings.Timeout.TotalSeconds:0} s: {Describe(counts)}"));
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            });
    }

    private async Task PublishAsync(LoadClient client, IReadOnlyList<Contracts.Events.NoticeDue> notices, Action tick, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(settings.PublishInFlight);
        var publishes = new List<Task>(notices.Count);
        foreach (var notice in notices)
        {
            await inFlight.WaitAsync(cancellationToken);
            publishes.Add(PublishOneAsync(notice));
        }

        await Task.WhenAll(publishes);

        async Task PublishOneAsync(Contracts.Events.NoticeDue notice)
        {
            try
            {
                await client.Bus.Publish(notice, cancellationToken);
                tick();
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    private static async Task<bool> WaitForQueueAsync(RabbitManagement rabbit, string virtualHost, string queue, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The management API's figures lag the broker by a few seconds.
        var clock = Stopwatch.StartNew();
        long? last = null;
        while (clock.Elapsed < timeout)
        {
            last = await rabbit.MessagesAsync(virtualHost, queue, cancellationToken);
            if (last == expected)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new LoadFailedException(Invariant($"queue {queue} holds {last?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} message(s) after {timeout.TotalSeconds:0} s, expected {expected:N0}"));
    }

    private static string Describe(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => Invariant($"{entry.Key} {entry.Value:N0}")));
}
