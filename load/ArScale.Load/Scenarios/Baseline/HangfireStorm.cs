using System.Diagnostics;
using System.Globalization;
using ArScale.Dunning;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>
/// The same storm on one variant of the Hangfire baseline (<c>load/Baseline</c>), on a database and sink of its own:
/// the app starts, K invoices due at T0 arrive through its API (each scheduling one delayed job at T0), and from T0
/// the tool watches the sink until every reminder is there, exactly as for ArScale.
/// </summary>
public sealed class HangfireStorm(StormSettings settings, BaselineSettings baseline, BaselineVariant variant, LoadInfra infra, ServiceProcesses processes, string runId)
{
    public async Task<HangfireStormResult> RunAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule(Invariant($"[bold]{Markup.Escape(variant.System)} storm[/]: {settings.Accounts:N0} invoices (run {Markup.Escape(runId)})")).LeftJustified());
        var databaseName = $"arscale_load_{runId.Replace('-', '_')}";
        LoadDatabase? database = null;
        ServiceProcess? app = null;
        IMailSink? sink = null;
        try
        {
            await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
            var setUp = Stopwatch.StartNew();
            database = await Step("database", $"{databaseName}, empty (Hangfire creates its schema)", () => LoadDatabase.CreateEmptyAsync(infra.Postgres, databaseName, cancellationToken));
            sink = await Step("sink", settings.Sink.Name(), () => SinkKinds.OpenAsync(settings.Sink, infra, processes, infra.Layout.RawDirectory(runId), cancellationToken));
            app = await Step("baseline app", Invariant($"healthy, {variant.Workers} Hangfire workers, {(variant.PoolSize is { } pool ? $"a pool of {pool} SMTP sessions" : "a new SMTP connection per job")}"), () => StartAppAsync(database, sink, cancellationToken));
            var servicesUp = setUp.Elapsed;
            using var api = new BaselineApi(new Uri(app.HealthUrl, "/"));

            // Created due late tonight, then moved to T0 once the first pass has shown how fast this machine schedules.
            var day = StormDay.Choose(DateTimeOffset.UtcNow);
            var tonight = ZoneTime.ToInstant(day.DueDate, new TimeOnly(23, 0), day.Zone);
            var accountIds = Enumerable.Range(1, settings.Accounts).Select(index => StormAccounts.AccountId(runId, index)).ToList();
            var invoices = accountIds.Select((accountId, index) => new BaselineInvoice(
                InvoiceId(index + 1), accountId, "Anna Müller", StormAccounts.Recipient(accountId), 250.00m, "EUR",
                day.DueDate, tonight, "en", day.TimeZone)).ToList();
            var schedule = await Timed(() => WithProgress(
                Invariant($"Storing {settings.Accounts:N0} invoices due today, scheduling a Hangfire job for each"), settings.Accounts,
                tick => InBatchesAsync(invoices, tick, async (batch, token) => (await api.AddInvoicesAsync(batch, token), "scheduled"), cancellationToken)));

            var lead = settings.LeadAfter(schedule.Elapsed, passes: 1);
            var instant = StormInstant.At(day, DateTimeOffset.UtcNow + lead);
            EnsureUnfolded(instant.NoticeId(accountIds[^1], invoices[^1].InvoiceId));
            AnsiConsole.MarkupLine(Invariant($"  T0 = [bold]{instant.DueAt:HH:mm:ss} UTC[/], in {lead.TotalSeconds:0} s"));
            var leadStarted = Stopwatch.StartNew();
            var move = await Timed(() => WithProgress(
                Invariant($"Moving every invoice's due instant to T0 (each job rescheduled)"), settings.Accounts,
                tick => InBatchesAsync(invoices, tick, async (batch, token) => (await api.MoveDueAsync([.. batch.Select(invoice => invoice.InvoiceId)], instant.DueAt, token), "rescheduled"), cancellationToken)));

            var idleBeforeDue = instant.DueAt - DateTimeOffset.UtcNow;
            var components = infra.ComponentPids().Where(component => component.Name is "postgres" or "rabbitmq")
                .Append(sink.Cpu with { Name = "sink" })
                .Append(new CpuComponent("hangfire app", app.Id))
                .Append(CpuComponent.LoadTool).ToList();
            StormWatch.EnsureAhead(instant.DueAt, leadStarted.Elapsed, lead);
            await StormWatch.UntilAsync(instant.DueAt, instant.DueAt, cancellationToken);
            var cpuStart = CpuSnapshot.Take(components);
            var timeline = new CpuTimeline(components);
            bool timedOut;
            try
            {
                timedOut = await StormWatch.DeliveriesAsync(
                    sink, settings.Accounts, settings.StormTimeout,
                    async token => await api.CountsAsync(token) is { Pending: 0 } counts && await sink.CountAsync(token) >= counts.Succeeded,
                    () => app.HasExited ? $"the baseline app exited during the storm. Last lines of {app.LogFile}:\n{app.Tail()}" : null,
                    cancellationToken);
            }
            finally
            {
                await timeline.DisposeAsync();
            }

            var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(components));
            await Task.Delay(ReceiptLog.FlushInterval * 5, cancellationToken);
            var counts = await api.CountsAsync(cancellationToken);
            var receipts = (await sink.ReceiptsAsync(cancellationToken)).Where(receipt => BelongsToRun(sink, receipt)).ToList();
            await processes.StopAsync([app]);

            var expected = invoices.Select(invoice => instant.NoticeId(invoice.AccountId, invoice.InvoiceId)).ToHashSet(StringComparer.Ordinal);
            var figures = StormFigures.From(variant.System, instant.DueAt, receipts, expected, cpu, timeline, timedOut);
            return new HangfireStormResult(
                runId, variant, instant, figures, counts, servicesUp.TotalSeconds, schedule.Elapsed.TotalSeconds, move.Elapsed.TotalSeconds, idleBeforeDue.TotalSeconds);
        }
        finally
        {
            if (app is not null)
            {
                await processes.StopAsync([app]);
            }

            if (sink is not null)
            {
                if (!settings.KeepData)
                {
                    await sink.DiscardAsync(receipt => BelongsToRun(sink, receipt), CancellationToken.None);
                }

                await sink.DisposeAsync();
            }

            if (database is not null && !settings.KeepData)
            {
                await database.DropAsync();
            }
        }
    }

    /// <summary>
    /// MimeKit writes a header word that cannot fit on a 78-character line with its header name RFC 2047-encoded,
    /// and the sinks count the raw <c>X-ArScale-Notice-Id</c>: a notice id that long would be counted as lost.
    /// </summary>
    private static void EnsureUnfolded(string noticeId)
    {
        const int longest = 76;
        if (noticeId.Length > longest)
        {
            throw new LoadFailedException(Invariant($"the notice ids of this run are {noticeId.Length} characters long ({noticeId}); above {longest}, MimeKit encodes them and the sink would not recognise them: shorten the run id"));
        }
    }

    /// <summary>Invoice numbers are unique across the baseline's one table of invoices.</summary>
    private static string InvoiceId(int index) => string.Create(CultureInfo.InvariantCulture, $"inv-{index:000000}");

    private async Task<ServiceProcess> StartAppAsync(LoadDatabase database, IMailSink sink, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(baseline.Environment(variant), StringComparer.Ordinal)
        {
            ["ConnectionStrings__postgres"] = database.ConnectionString,
            ["ConnectionStrings__smtp"] = sink.Smtp.ToString(),
        };
        var app = processes.Start(
            "baseline", infra.Layout.LoadAssembly("Baseline", "ArScale.Load.Baseline"), [], FreePorts.Next(), environment,
            Path.Combine(infra.Layout.RawDirectory(runId), "baseline.log"));
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await processes.StopAsync([app]);
            throw;
        }

        return app;
    }

    /// <summary>The invoices in batches, a few requests in flight; each batch must be done in full.</summary>
    private static async Task InBatchesAsync(
        IReadOnlyList<BaselineInvoice> invoices, Action tick, Func<BaselineInvoice[], CancellationToken, Task<(int Done, string What)>> send, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = BaselineSettings.BatchesInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(invoices.Chunk(BaselineSettings.BatchSize), options, async (batch, token) =>
        {
            var (done, what) = await send(batch, token);
            if (done != batch.Length)
            {
                throw new LoadFailedException(Invariant($"the baseline {what} {done} of a batch of {batch.Length} invoices"));
            }

            for (var count = 0; count < batch.Length; count++)
            {
                tick();
            }
        });
    }

    private bool BelongsToRun(IMailSink sink, SinkReceipt receipt) =>
        receipt.NoticeId is { } id ? id.StartsWith(StormAccounts.AccountPrefix(runId), StringComparison.Ordinal) : sink.Kind == SinkKind.Dotnet;
}
