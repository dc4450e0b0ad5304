using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using ScottPlot;
using static ArScale.Load.Scenarios.Storm.StormReport;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>The sections of <c>steady.md</c>, and its chart.</summary>
public static class SteadyReport
{
    public static void Figures(Report report, SteadySettings settings, SteadyResult result)
    {
        var steady = result.Steady;
        var storm = result.Storm.Figures;
        report.Table(new ReportTable(
            ["asked/s", "accounts", "spread s", "e-mails/s end to end", "median/s", "p50 s", "p90 s", "p99 s", "max s", "delivered", "lost", "duplicates", "unexpected"],
            [[
                Number(steady.AskedPerSecond), Number(steady.Accounts), Fixed(steady.SpreadSeconds, "0"),
                Fixed(steady.EndToEndPerSecond, "N1"), Fixed(steady.MedianPerSecond, "N0"),
                Seconds(steady.Latency.P50), Seconds(steady.Latency.P90), Seconds(steady.Latency.P99), Seconds(steady.Latency.Max),
                Number(steady.Delivery.Distinct), Number(steady.Delivery.Lost), Number(steady.Delivery.Duplicates), Number(steady.Delivery.Unexpected),
            ]]));
        report.Paragraph(
            Invariant($"Each notice is measured from **its own due instant**, T0 + its account's wake-up offset (the silo's `WakeUpJitter`: FNV-1a of the account id modulo the {steady.SpreadSeconds:0} s spread; the tool computes it the same way, `Scenarios/Steady/WakeUpOffset.cs`), to the sink's own receipt of its e-mail (the end of its DATA, before its 250); a notice that arrived twice counts once, at its first receipt. ") +
            "`e-mails/s end to end` = notices delivered / (last receipt − T0); `median/s` = median of the e-mails accepted per second without the first second with mail and the last. " +
            Invariant($"The offsets are a hash, not a comb: {steady.OfferedPerSecond:N1} notices fell due per second on average, at most {steady.PeakDuePerSecond:N0} in one second."));
        report.Bullets(Aims(steady));
        report.Paragraph("Check: " + (storm.TimedOut ? Invariant($"**timed out** after {storm.Cpu.WallSeconds:0} s; ") : "") +
            (storm.Delivery.Passed ? storm.Delivery.Describe() + "." : "**failed**: " + storm.Delivery.Describe() + ".") +
            Invariant($" `notice_log` at the end: {string.Join(", ", result.Storm.Statuses.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => Invariant($"{entry.Key} {entry.Value:N0}")))}."));
        if (steady.BeforeDue > 0)
        {
            report.Paragraph(Invariant($"**{steady.BeforeDue:N0} e-mails arrived before their computed due instant** (earliest {steady.EarliestSeconds:0.000} s): counted as 0 s. More than a handful means the tool's offset no longer matches the silo's `WakeUpJitter`."));
        }

        if (storm.Disturbed)
        {
            report.Paragraph(Invariant($"**Disturbed**: processes outside the measurement (another engineer's build or test run) used {storm.Cpu.OtherCores:0.00} of the {storm.Cpu.MachineCores} cores on average during the load; the figures are worse than the machine does alone."));
        }
    }

    /// <summary>The goal line, the check, the course of the latency and the rate, each in one sentence.</summary>
    public static IEnumerable<string> Aims(SteadyFigures steady)
    {
        var p99 = steady.Latency.P99 / 1000;
        yield return steady.GoalMet
            ? Invariant($"p99 ≤ {steady.GoalSeconds:0} s: **met** (p99 {p99:0.00} s, due → SMTP accept).")
            : steady.Latency.Count == 0
                ? Invariant($"p99 ≤ {steady.GoalSeconds:0} s: **not met**: nothing was delivered.")
                : p99 <= steady.GoalSeconds
                    ? Invariant($"p99 ≤ {steady.GoalSeconds:0} s: **not met**: p99 {p99:0.00} s over the delivered notices, but {steady.Delivery.Lost:N0} never arrived.")
                    : Invariant($"p99 ≤ {steady.GoalSeconds:0} s: **not met**: p99 {p99:0.00} s, {p99 / steady.GoalSeconds:0.0}× the goal (see where the time goes).");
        yield return steady.Delivery.Lost == 0 && steady.Delivery.Duplicates == 0
            ? "0 lost and 0 duplicates: **met**."
            : Invariant($"0 lost and 0 duplicates: **not met** (lost {steady.Delivery.Lost:N0}, duplicates {steady.Delivery.Duplicates:N0}).");
        var minutes = steady.PerMinute.Where(minute => minute.Delivered > 0).ToList();
        if (minutes.Count > 0)
        {
            var p99s = minutes.Select(minute => minute.Latency.P99 / 1000).ToList();
            yield return Invariant($"Per minute the p99 went from {p99s[0]:0.00} s (minute 1) to {p99s[^1]:0.00} s (minute {minutes[^1].Minute}), between {p99s.Min():0.00} and {p99s.Max():0.00} s: ") +
                (steady.Growing ? "**growing**: a backlog builds, the system does not keep up with this rate." : "**steady**: the system keeps up with this rate.");
        }

        yield return Invariant($"E-mails/s achieved: {steady.MedianPerSecond:N0}/s in the median second against {steady.AskedPerSecond:N0}/s asked ({steady.AchievedShare:P0}); {steady.EndToEndPerSecond:N1}/s end to end, the last e-mail {steady.TailSeconds ?? 0:0.00} s after the last notice fell due.");
    }

    public static void PerMinute(Report report, SteadyFigures steady)
    {
        report.Table(new ReportTable(
            ["minute", "due", "delivered", "due/s", "accepted/s", "p50 s", "p90 s", "p99 s", "max s"],
            [.. steady.PerMinute.Select(minute => (IReadOnlyList<string>)
            [
                Number(minute.Minute), Number(minute.Due), Number(minute.Delivered), Fixed(minute.DuePerSecond, "N1"), Fixed(minute.AcceptedPerSecond, "N1"),
                Seconds(minute.Latency.P50), Seconds(minute.Latency.P90), Seconds(minute.Latency.P99), Seconds(minute.Latency.Max),
            ])]));
        report.Paragraph("A row is the notices that fell due in that minute after T0, whenever they arrived; `accepted/s` is what the sink accepted in that minute, whichever minute the e-mails fell due in. Latencies are due → receipt.");
    }

    public static void Steps(Report report, SteadyFigures steady)
    {
        report.Table(new ReportTable(
            ["per notice, from its own due instant", "notices", "p50 s", "p90 s", "p99 s", "max s"],
            [.. steady.Steps.Select(step => (IReadOnlyList<string>)
            [
                step.Name, Number(step.Latency.Count), Seconds(step.Latency.P50), Seconds(step.Latency.P90), Seconds(step.Latency.P99), Seconds(step.Latency.Max),
            ])]));
        report.Paragraph("`emitted_at` is the account grain's clock when it decided the notice; `first_attempt_at` and `completed_at` are PostgreSQL's clock when a Notifier claimed it and logged it Sent; the receipt is the sink's clock. All on one machine. The Notifier logs Sent after the SMTP server's 250, so the sink's receipt comes just before `completed_at`.");
    }

    /// <summary>Where the cores went from T0 to the last e-mail, per process and per e-mail, and what the asked rate costs.</summary>
    public static void Cpu(Report report, SteadySettings settings, SteadyResult result)
    {
        var storm = result.Storm.Figures;
        var cpu = storm.Cpu;
        var total = cpu.Components.Sum(component => component.CpuSeconds);
        report.Table(new ReportTable(
            ["process", "CPU s", "cores", "ms/e-mail"],
            [
                .. cpu.Components.Select(component => (IReadOnlyList<string>)
                [
                    component.Name, Fixed(component.CpuSeconds, "0.0"), Fixed(component.Cores, "0.00"), Fixed(CpuMilliseconds(component.CpuSeconds, storm), "0.00"),
                ]),
                ["all measured", Fixed(total, "0.0"), Fixed(cpu.Components.Sum(component => component.Cores), "0.00"), Fixed(CpuMilliseconds(total, storm), "0.00")],
                ["other (outside the measurement)", Fixed(cpu.OtherCores * cpu.WallSeconds, "0.0"), Fixed(cpu.OtherCores, "0.00"), Fixed(CpuMilliseconds(cpu.OtherCores * cpu.WallSeconds, storm), "0.00")],
            ]));
        var perEmail = CpuMilliseconds(total, storm);
        report.Paragraph(Invariant(
            $"From T0 to the end of the load ({cpu.WallSeconds:0} s): CPU seconds of each process tree, in cores (CPU seconds per second), and in CPU milliseconds per e-mail delivered. The machine was {cpu.MachineBusyCores:0.00} of {cpu.MachineCores} cores busy. At {perEmail:0.00} ms per e-mail, {settings.Rate:N0} notices/s take {perEmail * settings.Rate / 1000:0.00} cores for everything together (the sink and the load tool are the instrument, not ArScale)."));
        report.Paragraph("What PostgreSQL did for the run's database over the same time (`pg_stat_database`, `pg_stat_user_tables`), per e-mail:");
        Database(report, result.Storm.Database, Math.Max(1, storm.Delivery.Distinct));
        var failures = result.Storm.LogFailures.Where(service => service.Total > 0).ToList();
        report.Paragraph(failures.Count == 0
            ? "The services logged no error during the run."
            : "Error-level entries the services logged during the run: " + string.Join("; ", failures.Select(service =>
                Invariant($"{service.Service} {service.Total:N0} (most: `{service.Top.FirstOrDefault()?.Category ?? "?"}`)"))) + " (the service logs are in the run's raw folder).");
    }

    public static Plot Chart(SteadySettings settings, SteadyResult result)
    {
        var steady = result.Steady;
        var storm = result.Storm.Figures;
        var plot = Charts.PerSecond(
            Invariant($"Steady load: {settings.RateLabel} ({steady.Accounts:N0} accounts), per second since T0"), "notices or e-mails per second",
            [
                ("notices falling due (T0 + own offset)", steady.DuePerSecond),
                ("e-mails accepted by the sink", storm.PerSecond),
            ],
            "p99 s due → receipt, other cores (dotted)",
            [
                ("p99 s of the notices due that second", [.. steady.P99ByDueSecond.Select(value => value ?? double.NaN)]),
                ("cores used by other processes", [.. storm.OtherCoresPerSecond.Select(value => value ?? double.NaN)]),
            ],
            xLabel: "seconds since T0");
        var goal = plot.Add.HorizontalLine(steady.GoalSeconds);
        goal.Axes.YAxis = plot.Axes.Right;
        goal.LinePattern = LinePattern.Dashed;
        goal.Color = Colors.Red;
        goal.LineWidth = 1;
        goal.LegendText = Invariant($"goal: p99 ≤ {steady.GoalSeconds:0} s");
        var highest = Math.Max(steady.GoalSeconds, steady.P99ByDueSecond.Where(value => value is not null).Select(value => value!.Value)
            .Concat(storm.OtherCoresPerSecond.Where(value => value is not null).Select(value => value!.Value)).DefaultIfEmpty(0).Max());
        plot.Axes.SetLimitsY(0, highest * 1.15, plot.Axes.Right);
        return plot;
    }

    private static string Seconds(double milliseconds) => Fixed(milliseconds / 1000, "0.00");
}
