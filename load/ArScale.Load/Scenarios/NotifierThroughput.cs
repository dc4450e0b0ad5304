using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Notifier;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// E-mails per second from the <c>notice-due</c> queue to SMTP accept, with 1 and with 2 Notifier processes on one
/// silo: the queue is filled first, then the Notifiers drain it. Every notice must be Sent and in the sink exactly
/// once, or the run fails (exit 1).
/// </summary>
public sealed class NotifierThroughput : IScenario
{
    public string Name => "notifier";

    public string Summary => "E-mails per second from the notice-due queue to SMTP accept with K Notifier processes (a full queue drained); lost and duplicate e-mails must be 0.";

    public IReadOnlyList<FlagHelp> Help =>
    [
        new("notices", "500", "NoticeDue messages per run, one per invoice (the published report: 20000)"),
        new("accounts", "50", "accounts they are spread over, notices / accounts invoices each (the published report: 2000)"),
        new("notifiers", "1", "Notifier process counts, one fresh run each (the published report: 1,2)"),
        new("sink", "dotnet", "the SMTP sink the Notifiers send to (" + SinkKinds.Help + ")"),
        new("concurrency", "32", "ArScale__Notifier__ConcurrentMessageLimit of each Notifier"),
        new("prefetch", "64", "ArScale__Bus__PrefetchCount of each Notifier"),
        new("pool-size", "8", "ArScale__Notifier__Email__PoolSize (SMTP sessions) of each Notifier"),
        new("timeout", "900", "seconds a run may take to send everything before it fails"),
        new("order", "interleaved", "interleaved: consecutive notices belong to different accounts; grouped: an account's notices back to back"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before the Notifiers start"),
        new("keep-data", "false", "keep each run's database, virtual host and aiosmtpd's Maildir files for inspection"),
    ];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = new ScenarioSettings(
            flags.Int("notices", 500, max: 1_000_000),
            flags.Int("accounts", 50, max: 1_000_000),
            flags.IntList("notifiers", [1], max: 16),
            flags.Int("concurrency", 32, max: 4096),
            flags.Int("prefetch", 64, max: 65_535),
            flags.Int("pool-size", 8, max: 1024),
            flags.Seconds("timeout", TimeSpan.FromSeconds(900)),
            flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300)),
            (flags.Text("order") ?? "interleaved") switch
            {
                "interleaved" => false,
                "grouped" => true,
                var other => throw new FlagException($"--order is interleaved or grouped, not '{other}'"),
            },
            flags.Switch("keep-data"),
            SinkKinds.Flag(flags, "sink", SinkKind.Dotnet));
        flags.RejectUnknown();
        if (settings.Notices % settings.Accounts != 0 || settings.InvoicesPerAccount > 200)
        {
            throw new FlagException("--notices must be a multiple of --accounts, with at most 200 invoices per account");
        }

        var cancellationToken = context.CancellationToken;
        foreach (var project in new[] { "Silo", "Notifier" })
        {
            if (!File.Exists(context.Layout.ServiceAssembly(project)))
            {
                throw new LoadFailedException($"{context.Layout.ServiceAssembly(project)} is missing: dotnet build -c Release load/ArScale.Load builds it");
            }
        }

        var infra = await AnsiConsole.Status().StartAsync("Starting the load profile (scripts/infra.sh start --profile load)...",
            _ => LoadInfra.EnsureStartedAsync(context.Layout, cancellationToken));
        var stamp = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        var results = new List<NotifierRunResult>();
        foreach (var count in settings.NotifierCounts)
        {
            var run = new NotifierRun(settings, infra, context.Processes, stamp, count);
            var result = await run.RunAsync(cancellationToken);
            results.Add(result);
            AnsiConsole.MarkupLine(Invariant($"  [bold]{result.EmailsPerSecond:N0} e-mails/s[/] with {count} Notifier(s); lost {result.Lost}, duplicates {result.Duplicates}"));
        }

        var report = Write(settings, results);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var chart = Charts.PerSecond("Notifier: e-mails completed per second (notice_log.completed_at)", "e-mails / s",
            results.Select(result => ($"{result.Notifiers} Notifier(s)", result.PerSecond)),
            "cores used by other processes (dotted)",
            results.Select(result => ($"other, {result.Notifiers} Notifier(s)", (IReadOnlyList<double>)[.. result.OtherCoresPerSecond.Select(value => value ?? double.NaN)])));
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { settings, runs = results }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return results.All(result => result.Passed) ? 0 : 1;
    }

    private Report Write(ScenarioSettings settings, IReadOnlyList<NotifierRunResult> results)
    {
        var report = new Report(Name, "Notifier throughput: queue to SMTP accept");
        report.Paragraph(Invariant(
            $"""
            {settings.Notices:N0} `NoticeDue` (overdue-7, e-mail, `en`, one invoice each) over {settings.Accounts:N0} accounts × {settings.InvoicesPerAccount} open invoices, published ({settings.Order}: {(settings.Grouped ? "an account's notices back to back" : "consecutive notices belong to different accounts")}) to a fresh virtual host before any Notifier runs; then K Notifier processes (Release build) start together and drain `notice-due`. One silo holds the accounts (each notice's `CheckNotice`, each outcome's `RecordNoticeOutcome`). SMTP goes to {SinkDescription(settings.Sink)}. Notifier settings: `ConcurrentMessageLimit` {settings.ConcurrentMessageLimit}, `PrefetchCount` {settings.PrefetchCount}, `Email:PoolSize` {settings.PoolSize}. Each K runs on its own database, virtual host and cluster id.
            """));
        report.Paragraph("Throughput = N / (max `completed_at` − min `first_attempt_at`) from `notice_log`; latency = `completed_at` − `first_attempt_at` per notice (claim, still-valid check, render, SMTP, log); from the sink's receipts (`X-ArScale-Notice-Id`): lost = notices with no e-mail, duplicates = e-mails beyond one per notice, unexpected = e-mails for no notice of the run.");

        report.Heading("Figures");
        report.Table(new ReportTable(
            ["notifiers", "notices", "seconds", "e-mails/s", "steady/s", "quiet/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "lost", "duplicates", "retried"],
            [.. results.Select(result => (IReadOnlyList<string>)
            [
                Number(result.Notifiers), Number(result.Notices), Fixed(result.Seconds, "0.0"), Fixed(result.EmailsPerSecond, "N0"), Fixed(result.MedianPerSecond, "N0"),
                result.QuietMedianPerSecond is { } quiet ? Fixed(quiet, "N0") : "n/a",
                Fixed(result.Latency.P50, "0.0"), Fixed(result.Latency.P90, "0.0"), Fixed(result.Latency.P99, "0.0"), Fixed(result.Latency.Max, "0.0"),
                Number(result.Lost), Number(result.Duplicates), Number(result.Retried),
            ])]));
        if (results.Count > 1)
        {
            var baseline = results[0];
            report.Bullets(results.Skip(1).Select(result => Invariant(
                $"{result.Notifiers} Notifiers: {result.EmailsPerSecond / baseline.EmailsPerSecond:0.00}× the throughput of {baseline.Notifiers}.")));
        }

        report.Paragraph(Invariant($"`steady/s` is the median of the per-second completions without the first and last second; `quiet/s` the same over only the seconds in which processes outside the measurement used less than {QuietMachine.Threshold:0.00} cores ({string.Join(" / ", results.Select(result => result.QuietSeconds))} such seconds; n/a below {NotifierRunResult.MinimumQuietSeconds}). `retried`: notices Sent on a later attempt."));
        foreach (var disturbed in results.Where(result => result.Disturbed))
        {
            report.Paragraph(Invariant($"**Disturbed**: during the run with {disturbed.Notifiers} Notifier(s), processes outside the measurement (another build or test run on this machine) used {disturbed.Cpu.OtherCores:0.00} of its {disturbed.Cpu.MachineCores} cores on average: its e-mails/s are below what the machine does alone; `quiet/s` is the better estimate."));
        }

        report.Heading("Where the two cores went (during the drain)");
        var components = results.SelectMany(result => result.Cpu.Components.Select(component => component.Name)).Distinct(StringComparer.Ordinal).ToList();
        report.Table(new ReportTable(
            ["notifiers", .. components.Select(name => name + " cores"), "other", "machine busy"],
            [.. results.Select(result => (IReadOnlyList<string>)
            [
                Number(result.Notifiers),
                .. components.Select(name => Fixed(result.Cpu.Components.FirstOrDefault(component => component.Name == name)?.Cores ?? 0, "0.00")),
                Fixed(result.Cpu.OtherCores, "0.00"),
                Invariant($"{result.Cpu.MachineBusyCores:0.00} of {result.Cpu.MachineCores}"),
            ])]));
        report.Paragraph("Cores = CPU seconds of the process tree / wall seconds, from the Notifiers' health to the last Sent. `other` is machine CPU none of these used (the OS, anything else running).");

        report.Heading("Database work per notice (from Notifier start to the last outcome recorded)");
        report.Table(new ReportTable(
            ["notifiers", "commits/notice", .. TableNames(results).SelectMany(table => new[] { $"{table} ins+upd/notice", $"{table} HOT %" })],
            [.. results.Select(result => (IReadOnlyList<string>)
            [
                Number(result.Notifiers),
                Fixed(result.Database.Commits / (double)result.Notices, "0.00"),
                .. TableNames(results).SelectMany(table =>
                {
                    var counters = result.Database.Tables.GetValueOrDefault(table) ?? new TableCounters(0, 0, 0, 0);
                    return new[]
                    {
                        Fixed((counters.Inserted + counters.Updated) / (double)result.Notices, "0.00"),
                        counters.Updated > 0 ? Fixed(100.0 * counters.HotUpdated / counters.Updated, "0") : "-",
                    };
                }),
            ])]));
        report.Paragraph(
            "PostgreSQL's `pg_stat_database.xact_commit` and `pg_stat_user_tables` differences for the run's database, so Notifier and silo together. " +
            Invariant($"The silo records each outcome in the account (grain state write) after the e-mail: its queue was empty {string.Join(" / ", results.Select(result => result.OutcomeDrainSeconds.ToString("0", CultureInfo.InvariantCulture)))} s after the last e-mail."));

        report.Heading("Set-up (not measured)");
        report.Table(new ReportTable(
            ["notifiers", "accounts created in s", "notices published in s", "published/s", "workers sharing the notices"],
            [.. results.Select(result => (IReadOnlyList<string>)
            [
                Number(result.Notifiers), Fixed(result.SeedSeconds, "0.0"), Fixed(result.PublishSeconds, "0.0"),
                Fixed(result.Notices / result.PublishSeconds, "N0"),
                string.Join(" / ", result.PerWorker.Values.Order().Select(Number)),
            ])]));

        var passed = results.All(result => result.Passed);
        report.Paragraph(passed
            ? "Check: every notice Sent once in `notice_log` and accepted exactly once by the sink, for every K."
            : "**Check failed**: " + string.Join("; ", results.Where(result => !result.Passed).Select(result => Invariant(
                $"K={result.Notifiers}: sent {result.Sent:N0}/{result.Notices:N0}; {result.Delivery.Describe()}"))));
        return report;
    }

    /// <summary>The tables the Notifier and the silo write per notice: the notice log and the grain state.</summary>
    private static IEnumerable<string> TableNames(IReadOnlyList<NotifierRunResult> results) =>
        new[] { "notice_log", "account_state" }.Where(table => results.Any(result => result.Database.Tables.ContainsKey(table)));

    private static string SinkDescription(SinkKind sink) => sink == SinkKind.Dotnet
        ? "the load tool's .NET SMTP sink (a process of its own, started per run; `load/results/sink.md` has its ceiling)"
        : "the load profile's aiosmtpd (one Python process writing a Maildir; `load/results/sink.md` has its ceiling)";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
