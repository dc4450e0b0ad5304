using System.Globalization;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Notifier;
using ScottPlot;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>The report sections a storm has, whichever system made it (ArScale, the Hangfire baseline).</summary>
public static class StormReport
{
    /// <summary>The aim for ArScale on this two-core machine with everything on it.</summary>
    public const double AimPerSecond = 2_000;

    public static void Figures(Report report, IReadOnlyList<StormFigures> storms)
    {
        report.Table(new ReportTable(
            ["system", "accounts", "e-mails/s end to end", "steady/s", "peak/s", "first s", "last s", "p50 s", "p90 s", "p99 s", "max s", "avg bytes", "lost", "duplicates", "unexpected"],
            [.. storms.Select(storm => (IReadOnlyList<string>)
            [
                storm.System, Number(storm.Accounts), Fixed(storm.EmailsPerSecond, "N0"), Fixed(storm.SteadyPerSecond, "N0"), Fixed(storm.PeakPerSecond, "N0"),
                Seconds(storm.FirstSeconds), Seconds(storm.LastSeconds),
                Fixed(storm.Latency.P50 / 1000, "0.00"), Fixed(storm.Latency.P90 / 1000, "0.00"), Fixed(storm.Latency.P99 / 1000, "0.00"), Fixed(storm.Latency.Max / 1000, "0.00"),
                Fixed(storm.AverageBytes, "N0"),
                Number(storm.Delivery.Lost), Number(storm.Delivery.Duplicates), Number(storm.Delivery.Unexpected),
            ])]));
        report.Paragraph(
            "Every time is measured from T0, the instant every notice fell due, to the sink's own receipt of the e-mail (the end of its DATA, before its 250). " +
            "`e-mails/s end to end` = notices delivered / (last receipt − T0); `steady/s` = median of the per-second receipts without the rising first second and the last; " +
            "`p50 s`… = seconds from T0 to each e-mail. Lost = expected notice ids the sink never saw, duplicates = e-mails beyond one per notice id, unexpected = e-mails for no expected notice.");
        foreach (var storm in storms)
        {
            report.Paragraph($"Check ({storm.System}): " + (storm.TimedOut ? Invariant($"**timed out** after {storm.Cpu.WallSeconds:0} s; ") : "") +
                (storm.Delivery.Passed ? storm.Delivery.Describe() + "." : "**failed**: " + storm.Delivery.Describe() + "."));
            if (storm.Disturbed)
            {
                report.Paragraph(Invariant($"**Disturbed** ({storm.System}): processes outside the measurement (another engineer's build or test run) used {storm.Cpu.OtherCores:0.00} of the {storm.Cpu.MachineCores} cores on average during the storm; the figures are below what the machine does alone."));
            }
        }
    }

    /// <summary>Where the cores went during the storm (T0 to the last e-mail), and what that is per e-mail.</summary>
    public static void Cpu(Report report, IReadOnlyList<StormFigures> storms)
    {
        var components = storms.SelectMany(storm => storm.Cpu.Components.Select(component => component.Name)).Distinct(StringComparer.Ordinal).ToList();
        report.Table(new ReportTable(
            ["system", .. components.Select(name => name + " cores"), "other", "machine busy"],
            [.. storms.Select(storm => (IReadOnlyList<string>)
            [
                storm.System,
                .. components.Select(name => storm.Cpu.Components.FirstOrDefault(component => component.Name == name) is { } found ? Fixed(found.Cores, "0.00") : "-"),
                Fixed(storm.Cpu.OtherCores, "0.00"),
                Invariant($"{storm.Cpu.MachineBusyCores:0.00} of {storm.Cpu.MachineCores}"),
            ])]));
        report.Table(new ReportTable(
            ["system", .. components.Select(name => name + " ms/e-mail"), "total ms/e-mail", "budget at aim"],
            [.. storms.Select(storm => (IReadOnlyList<string>)
            [
                storm.System,
                .. components.Select(name => storm.Cpu.Components.FirstOrDefault(component => component.Name == name) is { } found ? Fixed(CpuMilliseconds(found.CpuSeconds, storm), "0.00") : "-"),
                Fixed(CpuMilliseconds(storm.Cpu.Components.Sum(component => component.CpuSeconds), storm), "0.00"),
                Fixed(storm.Cpu.MachineCores * 1000.0 / AimPerSecond, "0.00"),
            ])]));
        report.Paragraph(Invariant(
            $"Cores = CPU seconds of each process tree / wall seconds from T0 until the storm was over; `other` is machine CPU none of them used (the OS, anything else running on the machine). ms/e-mail = CPU milliseconds per e-mail delivered: {AimPerSecond:N0} e-mails/s on {Environment.ProcessorCount} cores leaves `budget at aim` CPU milliseconds per e-mail for everything together."));
    }

    /// <summary>PostgreSQL's own counters for the run's database over the storm, per e-mail.</summary>
    public static void Database(Report report, DatabaseCounters counters, long emails)
    {
        var tables = counters.Tables.Where(entry => entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted > 0)
            .OrderByDescending(entry => entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted).ToList();
        report.Table(new ReportTable(
            ["commits/e-mail", .. tables.Select(table => $"{table.Key} writes/e-mail")],
            [[Fixed(counters.Commits / (double)Math.Max(1, emails), "0.00"), .. tables.Select(table => Fixed((table.Value.Inserted + table.Value.Updated + table.Value.Deleted) / (double)Math.Max(1, emails), "0.00"))]]));
    }

    public static Plot Chart(string title, IEnumerable<(string Label, IReadOnlyList<double> PerSecond)> series, IEnumerable<StormFigures> storms) =>
        Charts.PerSecond(title, "per second", series, "cores used by other processes (dotted)",
            storms.Select(storm => ($"other, {storm.System}", (IReadOnlyList<double>)[.. storm.OtherCoresPerSecond.Select(value => value ?? double.NaN)])),
            xLabel: "seconds since T0");

    public static double CpuMilliseconds(double cpuSeconds, StormFigures storm) => storm.Delivery.Distinct > 0 ? cpuSeconds * 1000 / storm.Delivery.Distinct : 0;

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Seconds(double? value) => value is { } seconds ? seconds.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
