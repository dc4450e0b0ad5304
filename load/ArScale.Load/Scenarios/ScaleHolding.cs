using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Scale;
using ArScale.Load.Scenarios.Storm;
using ScottPlot;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// A silo holding many accounts with pending reminders: time to create them, resident memory while creating and at
/// rest, the reminder service's periodic refresh, the PostgreSQL footprint; then a storm on a slice of them, made and
/// reported as <c>storm</c> makes and reports one. Every account must be stored with its reminder and every slice
/// notice delivered exactly once, or the run fails (exit 1); the memory target (2 GB per silo) is reported, not enforced.
/// </summary>
public sealed class ScaleHolding : IScenario
{
    public string Name => "scale";

    public string Summary => "Accounts with open invoices and pending reminders on one silo: creation time, resident memory, reminder refresh cost, PostgreSQL sizes, then a storm on a slice of them.";

    private const int DefaultSlice = 100;

    public IReadOnlyList<FlagHelp> Help =>
    [
        new("accounts", "2000", "accounts, each with one open invoice and so one pending reminder (full size: 1000000)"),
        new("parallelism", "64", "account creations in flight"),
        new("idle-deactivation", "90", "seconds an idle account stays in memory (the silo's ArScale:Dunning:IdleDeactivation for the run, more than Orleans' 1 min collection quantum; production default 180)"),
        new("refresh-period", "60", "seconds between the reminder service's refreshes for the run (production: 900)"),
        new("rest-window", "0", "seconds the silo is watched at rest, after waiting idle-deactivation + 1.5 min for the accounts to leave memory; 0 skips the rest (full size: 120)"),
        new("storm-slice", DefaultSlice.ToString(CultureInfo.InvariantCulture), "accounts, every (accounts/K)-th, whose notices fall due at one instant T0 at the end, delivered end to end as in storm; 0 skips the storm (full size: 20000)"),
        StormSettings.Spread(" (for the whole run: it also decides when the held accounts' courtesy reminders fire, 27 days out)"),
        .. StormSettings.ServiceHelp,
        .. StormSettings.TimingHelp,
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before creating, and again before the storm"),
        new("keep-data", "false", "keep the run's database and virtual host"),
    ];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var accounts = flags.Int("accounts", 2_000, max: 5_000_000);
        var slice = flags.Int("storm-slice", DefaultSlice, min: 0, max: 2_000_000);
        if (slice > accounts)
        {
            throw new FlagException(Invariant($"--storm-slice ({slice}) takes a slice of the accounts: at most --accounts ({accounts})"));
        }

        var quietWait = flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300));
        var keepData = flags.Switch("keep-data");
        var settings = new ScaleSettings(
            accounts,
            flags.Int("parallelism", 64, max: 4096),
            flags.Seconds("idle-deactivation", TimeSpan.FromSeconds(90)),
            flags.Seconds("refresh-period", TimeSpan.FromSeconds(60)),
            flags.Seconds("rest-window", TimeSpan.Zero),
            quietWait,
            keepData,
            StormSettings.ReadServices(flags, slice, TimeSpan.FromSeconds(flags.Int("wake-up-spread", 0, min: 0, max: 86_400)), warm: false, quietWait, keepData));
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Gateway", "Notifier"], cancellationToken);
        var runId = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-scale");
        var result = await new ScaleRun(settings, infra, context.Processes, runId).RunAsync(cancellationToken);
        AnsiConsole.MarkupLine(Invariant($"  [bold]{result.AccountsPerSecond:N0} accounts/s[/]; silo resident {Megabytes(result.ResidentAfterCreation)} after creation, {AtRest(result)} at rest"));
        if (result.Slice?.Storm.Figures is { } storm)
        {
            AnsiConsole.MarkupLine(Invariant($"  storm on {storm.Accounts:N0} of them: [bold]{storm.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {storm.Delivery.Lost}, duplicates {storm.Delivery.Duplicates}"));
        }

        var path = await Write(result).WriteAsync(context.Layout, MachineInfo.Collect(context.Layout.Root), context.CommandLine, result, Chart(result), cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return result.Passed ? 0 : 1;
    }

    private Report Write(ScaleRunResult result)
    {
        var settings = result.Settings;
        var report = new Report(Name, "Scale: accounts with pending reminders on one silo");
        report.Paragraph(Invariant(
            $"""
            {settings.Accounts:N0} accounts created through the account grains by an Orleans client ({settings.Parallelism} in flight), each a profile and one invoice issued today and due in 30 days, stored in one grain write (`ExecuteMany`, as the Gateway's batch does): every account ends with one pending `dunning` reminder (its courtesy notice). One silo, one Gateway (projecting each account into `account_summary` and `account_balance`), PostgreSQL and RabbitMQ of the load profile. For the run the silo deactivates an account {settings.IdleDeactivation.TotalSeconds:0} s after its last call (production default 3 min) and refreshes its reminder list every {settings.RefreshPeriod.TotalSeconds:0} s (production: 15 min), so the rest window holds several refreshes. Its `WakeUpSpread` is {settings.Slice.SpreadLabel} for the whole run (production default 600 s): it decides when a reminder fires, here the held accounts' courtesy notices 3 days before their due date, which the run never reaches, and the slice's notices at the end{(settings.Slice.WakeUpSpread == TimeSpan.Zero ? ", every one at T0" : "")}.
            """));

        report.Heading("Figures");
        report.Table(new ReportTable(
            ["accounts", "created in s", "accounts/s", "silo resident after creation", "silo resident at rest", "pending reminders", "within 2 GB"],
            [[
                Number(settings.Accounts), Fixed(result.CreationSeconds, "0.0"), Fixed(result.AccountsPerSecond, "N0"),
                Megabytes(result.ResidentAfterCreation), AtRest(result), Number(result.PendingReminders), result.WithinMemoryBudget ? "yes" : "**no**",
            ]]));
        report.Paragraph("Resident = the silo process's VmRSS. After creation, the accounts written in the last minutes are still in memory; at rest (the maximum over the rest window, after every account's idle time ran out) the silo holds the reminder service's list of every pending reminder, the runtime and the GC's retained heap.");

        report.Heading("The reminder service's refresh");
        if (result.ResidentAtRest is null)
        {
            report.Paragraph("The rest window was skipped (`--rest-window 0`): no at-rest memory and no refresh CPU; the range read below is still timed.");
        }

        report.Table(new ReportTable(
            ["rest window s", "refreshes in it", "silo CPU s in it", "silo CPU ms per refresh (upper bound)", "range read rows", "range read median ms", "max ms"],
            [[
                Fixed(result.RestWallSeconds, "0"), Fixed(result.RefreshesInRest, "0.0"), Fixed(result.RestCpuSeconds, "0.00"),
                Fixed(result.RefreshesInRest > 0 ? result.RestCpuSeconds * 1000 / result.RefreshesInRest : 0, "N0"),
                Number(result.RangeRead.Rows), Fixed(result.RangeRead.MedianMilliseconds, "N0"), Fixed(result.RangeRead.MaxMilliseconds, "N0"),
            ]]));
        report.Paragraph(Invariant($"Silo CPU at rest includes everything an idle silo does (membership, statistics, the dashboard), so per refresh it is an upper bound. The range read is the refresh's own statement (Orleans' `ReadRangeRows2Key` from `orleansquery`, the whole ring: one silo owns it), timed from the load tool and read to the last row; with S silos each reads about 1/S of the rows. At the production period of 15 min the refresh costs the silo {(result.RefreshesInRest > 0 ? result.RestCpuSeconds / result.RefreshesInRest / 900 * 100 : 0):0.00} % of a core or less."));

        report.Heading("PostgreSQL");
        report.Table(new ReportTable(
            ["table", "rows", "table MB", "indexes MB", "bytes per account"],
            [.. result.Storage.Tables.Select(table => (IReadOnlyList<string>)
            [
                table.Table, Number(table.Rows), Fixed(table.TableBytes / 1048576.0, "N1"), Fixed(table.IndexBytes / 1048576.0, "N1"),
                Fixed((table.TableBytes + table.IndexBytes) / (double)Math.Max(1, settings.Accounts), "N0"),
            ])]));
        report.Paragraph(Invariant($"Whole database: {result.Storage.DatabaseBytes / 1048576.0:N0} MB."));

        report.Paragraph(result.Stored
            ? Invariant($"Check: all {settings.Accounts:N0} accounts stored, each with its pending reminder.")
            : Invariant($"**Check failed**: {result.Storage.RowsOf("account_state"):N0} accounts stored and {result.PendingReminders:N0} reminders pending, for {settings.Accounts:N0} accounts created."));

        report.Heading("Storm on a slice");
        if (result.Slice is not { } slice)
        {
            report.Paragraph("Skipped (`--storm-slice 0`).");
            return report;
        }

        ScaleSliceDescription.Write(report, settings, slice);
        StormReport.Figures(report, [slice.Storm.Figures]);
        StormReading.Aims(report, slice.Storm.Figures, baseline: null);
        report.Heading("Storm on a slice: where the time goes");
        StormReading.ArScale(report, slice.Storm);
        return report;
    }

    private static Plot Chart(ScaleRunResult result)
    {
        var plot = new Plot();
        var seconds = result.Memory.Select(sample => sample.Elapsed.TotalSeconds).ToArray();
        var resident = plot.Add.Scatter(seconds, result.Memory.Select(sample => sample.ResidentBytes / 1048576.0).ToArray());
        resident.LegendText = "silo resident MB";
        resident.MarkerSize = 0;
        resident.LineWidth = 2;
        var accounts = plot.Add.Scatter(seconds, result.Memory.Select(sample => (double)sample.AccountsCreated).ToArray());
        accounts.LegendText = "accounts created";
        accounts.MarkerSize = 0;
        accounts.LinePattern = LinePattern.Dotted;
        accounts.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "accounts created";
        plot.Title("Scale: silo resident memory while creating accounts and at rest");
        plot.XLabel("seconds since creation started");
        plot.YLabel("MB resident");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static string AtRest(ScaleRunResult result) => result.ResidentAtRest is { } resident ? Megabytes(resident) : "not watched";

    private static string Megabytes(long bytes) => Invariant($"{bytes / 1048576.0:N0} MB");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
