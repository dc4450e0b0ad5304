using ArScale.Load.Reports;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// What a storm's figures say, written from the figures themselves: the aims met or not, which step the storm queued
/// at, whether the machine's cores were the limit and what each e-mail cost them, process by process.
/// </summary>
public static class StormReading
{
    /// <summary>The issue's aims: 2,000 e-mails/s end to end with none lost or doubled, and 10× the baseline.</summary>
    public const double AimRatio = 10;

    public static void Aims(Report report, StormFigures arscale, StormFigures? baseline)
    {
        var aims = new List<string>
        {
            arscale.EmailsPerSecond >= StormReport.AimPerSecond
                ? Invariant($"≥ {StormReport.AimPerSecond:N0} e-mails/s end to end: **met** ({arscale.EmailsPerSecond:N0}/s).")
                : Invariant($"≥ {StormReport.AimPerSecond:N0} e-mails/s end to end: **not met**: {arscale.EmailsPerSecond:N0}/s, {StormReport.AimPerSecond / Math.Max(1, arscale.EmailsPerSecond):0.0}× short (see where the time goes)."),
            arscale.Delivery.Lost == 0 && arscale.Delivery.Duplicates == 0
                ? "0 lost and 0 duplicates: **met**."
                : Invariant($"0 lost and 0 duplicates: **not met** (lost {arscale.Delivery.Lost:N0}, duplicates {arscale.Delivery.Duplicates:N0})."),
        };
        if (baseline is not null)
        {
            var ratio = Ratio(arscale, baseline);
            aims.Add(ratio >= AimRatio
                ? Invariant($"≥ {AimRatio:0}× the baseline: **met** ({ratio:0.0}×).")
                : Invariant($"≥ {AimRatio:0}× the baseline: **not met** ({ratio:0.0}×)."));
        }

        report.Bullets(aims);
    }

    public static double Ratio(StormFigures arscale, StormFigures baseline) =>
        baseline.EmailsPerSecond > 0 ? arscale.EmailsPerSecond / baseline.EmailsPerSecond : double.PositiveInfinity;

    /// <summary>The steps, the cores (unless the report shows them already), the database, and what they say, for an ArScale storm.</summary>
    public static void ArScale(Report report, ArScaleStormResult result, bool showCpu = true)
    {
        var steps = result.Steps;
        report.Table(new ReportTable(
            ["step", "notices", "first s", "median s", "last s", "per second (count / last)"],
            [.. steps.Steps.Select(step => (IReadOnlyList<string>)
            [
                step.Name, StormReport.Number(step.Count), StormReport.Fixed(step.FirstSeconds, "0.00"), StormReport.Fixed(step.MedianSeconds, "0.00"),
                StormReport.Fixed(step.LastSeconds, "0.00"), StormReport.Fixed(step.PerSecond, "N0"),
            ])]));
        report.Table(new ReportTable(
            ["per notice", "p50 s", "p90 s", "max s"],
            [.. steps.Lags.Select(lag => (IReadOnlyList<string>)
            [
                lag.Name, StormReport.Fixed(lag.P50, "0.00"), StormReport.Fixed(lag.P90, "0.00"), StormReport.Fixed(lag.Max, "0.00"),
            ])]));
        report.Paragraph("Seconds after T0. `emitted_at` is the clock of the account grain's decision (the `NoticeDue`'s `OccurredAt`); `first_attempt_at` and `completed_at` are PostgreSQL's clock when the Notifier claimed the notice and logged it Sent; the sink's receipt is its own clock. All on one machine.");
        if (showCpu)
        {
            StormReport.Cpu(report, [result.Figures]);
        }

        report.Paragraph("What PostgreSQL did for the run's database from T0 to the end of the storm (`pg_stat_database`, `pg_stat_user_tables`): silo and Notifiers together, outcomes recorded on the accounts included as far as they were done by then.");
        StormReport.Database(report, result.Database, Math.Max(1, result.Figures.Delivery.Distinct));
        report.Bullets(Reading(result));
    }

    private static IEnumerable<string> Reading(ArScaleStormResult result)
    {
        var figures = result.Figures;
        var steps = result.Steps;
        if (steps.Decided.Count == 0 || figures.Delivery.Distinct == 0)
        {
            yield return "Nothing was delivered: there is no time to account for.";
            yield break;
        }

        var decidedShare = steps.Decided.LastSeconds / Math.Max(0.001, steps.Accepted.LastSeconds);
        yield return decidedShare >= 0.8 && steps.Queued.P90 < 1
            ? Invariant($"**The account grains were the narrow part.** The last notice was decided {steps.Decided.LastSeconds:0.0} s after T0 ({steps.Decided.PerSecond:N0} decisions/s) and the Notifiers kept up: a notice waited a median {steps.Queued.P50:0.00} s (p90 {steps.Queued.P90:0.00} s) between its decision and its claim.")
            : Invariant($"**The Notifiers were the narrow part.** The grains had decided every notice {steps.Decided.LastSeconds:0.0} s after T0 ({steps.Decided.PerSecond:N0} decisions/s), but a notice then waited a median {steps.Queued.P50:0.0} s (p90 {steps.Queued.P90:0.0} s) in `notice-due` before a Notifier claimed it; the last e-mail reached the sink {steps.Accepted.LastSeconds:0.0} s after T0. Claimed to Sent took a median {steps.Delivering.P50 * 1000:0} ms.");

        var cpu = figures.Cpu;
        var busy = cpu.MachineBusyCores / cpu.MachineCores;
        yield return busy >= 0.85
            ? Invariant($"**The cores were the limit**: the machine was {busy:P0} busy from T0 to the last e-mail ({cpu.OtherCores:0.00} cores of it outside the measurement). Going faster on this machine means less CPU per e-mail.")
            : Invariant($"The machine was {busy:P0} busy from T0 to the last e-mail: CPU was not the limit; waiting was (round trips to PostgreSQL and RabbitMQ, the bound on reminder work and on Notifier concurrency).");

        var perEmail = cpu.Components.OrderByDescending(component => component.CpuSeconds)
            .Select(component => Invariant($"{component.Name} {StormReport.CpuMilliseconds(component.CpuSeconds, figures):0.00}")).ToList();
        var total = StormReport.CpuMilliseconds(cpu.Components.Sum(component => component.CpuSeconds), figures);
        var budget = cpu.MachineCores * 1000.0 / StormReport.AimPerSecond;
        yield return Invariant($"Each e-mail cost **{total:0.00} ms of CPU** (ms per e-mail: {string.Join(", ", perEmail)}). {StormReport.AimPerSecond:N0} e-mails/s on {cpu.MachineCores} cores leaves {budget:0.00} ms per e-mail for everything together{(total > budget ? Invariant($": the storm spends {total / budget:0.0}× that budget, so the aim needs the work per e-mail cut by that factor, or more cores (silos and Notifiers scale out on more machines).") : ".")}");

        var database = result.Database;
        var emails = (double)figures.Delivery.Distinct;
        var writes = database.Tables.OrderByDescending(entry => entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted)
            .Select(entry => Invariant($"{entry.Key} {(entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted) / emails:0.00}"));
        yield return Invariant($"PostgreSQL committed {database.Commits / emails:0.0} transactions per e-mail (row writes per e-mail: {string.Join(", ", writes)}).");
    }
}
