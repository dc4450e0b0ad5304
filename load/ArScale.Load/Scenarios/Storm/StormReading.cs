using ArScale.Load.Infrastructure;
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
        report.Paragraph("`notice_log` at the end: " + string.Join(", ", result.Statuses.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => Invariant($"{entry.Key} {entry.Value:N0}"))) + Invariant($" (of {result.Figures.Accounts:N0} notices owed)."));
        report.Paragraph("Seconds after T0. `emitted_at` is the clock of the account grain's decision (the `NoticeDue`'s `OccurredAt`); `first_attempt_at` and `completed_at` are PostgreSQL's clock when the Notifier claimed the notice and logged it Sent; the sink's receipt is its own clock. All on one machine.");
        if (showCpu)
        {
            StormReport.Cpu(report, [result.Figures]);
        }

        report.Paragraph("What PostgreSQL did for the run's database from T0 to the end of the storm (`pg_stat_database`, `pg_stat_user_tables`): silo and Notifiers together, outcomes recorded on the accounts included as far as they were done by then.");
        StormReport.Database(report, result.Database, Math.Max(1, result.Figures.Delivery.Distinct));
        Failures(report, result.LogFailures);
        report.Bullets(Reading(result));
        if (result.Figures.EmailsPerSecond < StormReport.AimPerSecond && result.Figures.Delivery.Distinct > 0)
        {
            report.Paragraph("**What would move it**, process by process, the largest share of the CPU first:");
            report.Bullets(Levers(result));
        }
    }

    /// <summary>What the services logged at error level over the run: nothing, or what broke and how often.</summary>
    private static void Failures(Report report, IReadOnlyList<LogFailures> failures)
    {
        if (failures.All(service => service.Total == 0))
        {
            report.Paragraph("The services logged no error during the run.");
            return;
        }

        report.Paragraph("Error-level entries the services logged during the run (set-up and storm), most frequent first:");
        report.Table(new ReportTable(
            ["service", "errors", "entries", "kind", "first message"],
            [.. failures.Where(service => service.Total > 0).SelectMany(service => service.Top.Select((kind, index) => (IReadOnlyList<string>)
            [
                index == 0 ? service.Service : "", index == 0 ? StormReport.Number(service.Total) : "", StormReport.Number(kind.Count),
                $"`{kind.Category}`", Cell(kind.Example),
            ]))]));
        report.Table(new ReportTable(
            ["service", "exception (numbers masked)", "times"],
            [.. failures.SelectMany(service => service.Exceptions.Select((exception, index) => (IReadOnlyList<string>)
            [
                index == 0 ? service.Service : "", Cell(exception.Message), StormReport.Number(exception.Count),
            ]))]));
    }

    private static string Cell(string text) => text.Replace("|", "/", StringComparison.Ordinal);

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
        // The Notifiers kept up when a decided notice waited for a claim a small part of the storm, not none of it:
        // a second or two of queue in a six-minute storm is the bus, not a backlog.
        var keptUp = steps.Queued.P90 < Math.Max(1, 0.05 * steps.Accepted.LastSeconds);
        yield return decidedShare >= 0.8 && keptUp
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

        foreach (var failure in FailureReadings(result))
        {
            yield return failure;
        }

        var database = result.Database;
        var emails = (double)figures.Delivery.Distinct;
        var writes = database.Tables.OrderByDescending(entry => entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted)
            .Select(entry => Invariant($"{entry.Key} {(entry.Value.Inserted + entry.Value.Updated + entry.Value.Deleted) / emails:0.00}"));
        yield return Invariant($"PostgreSQL committed {database.Commits / emails:0.0} transactions per e-mail (row writes per e-mail: {string.Join(", ", writes)}).");
    }

    /// <summary>What the failures in the services' logs mean, for the signatures a storm is known to produce.</summary>
    private static IEnumerable<string> FailureReadings(ArScaleStormResult result)
    {
        long Exceptions(string service, string text) => result.LogFailures.Where(log => log.Service.StartsWith(service, StringComparison.Ordinal))
            .SelectMany(log => log.Exceptions).Where(exception => exception.Message.Contains(text, StringComparison.Ordinal)).Sum(exception => exception.Count);
        long Entries(string service, string text) => result.LogFailures.Where(log => log.Service.StartsWith(service, StringComparison.Ordinal))
            .SelectMany(log => log.Top).Where(kind => kind.Example.Contains(text, StringComparison.Ordinal)).Sum(kind => kind.Count);

        if (Exceptions("silo", "connection pool has been exhausted") is > 0 and var exhausted)
        {
            yield return Invariant($"**The cold start overran PostgreSQL's connection pool.** Each reminder tick activates its account grain, which reads its state before anything else; with {result.Figures.Accounts:N0} ticks due within {result.WakeUpSpread.TotalSeconds:0} s, the reads queued for the silo's 100 pooled connections and {exhausted:N0} of them waited past the pool's 15 s and failed (`Error reading grain state`): the activation failed, and its tick with it. `MaxConcurrentReminderWork` bounds the work after the activation, not the activation.");
        }

        if (Entries("silo", "Could not deliver reminder tick") is > 0 and var undelivered)
        {
            yield return Invariant($"**{undelivered:N0} reminder ticks were not delivered**: a tick not answered within Orleans' 30 s response timeout (its grain failed to activate, or waited that long for a `MaxConcurrentReminderWork` slot inside the grain call) is logged as failed and comes back one reminder period (5 min) later — for every such account at once, so the storm repeats every 5 minutes until it has drained.");
        }

        if (result.Statuses.GetValueOrDefault("Failed") is > 0 and var failed)
        {
            yield return Invariant($"**{failed:N0} notices ended Failed** in `notice_log` and were never sent (they are the lost e-mails): the Notifier gave up after its retries (see its exceptions above; a still-valid call to an account grain busy with a redelivered tick times out each time).");
        }
    }

    /// <summary>
    /// For each process that took a share of the storm's CPU, what it does per e-mail and what would make that
    /// cheaper, largest share first: the work is known from the code, its weight from this run.
    /// </summary>
    private static IEnumerable<string> Levers(ArScaleStormResult result)
    {
        var figures = result.Figures;
        var emails = (double)figures.Delivery.Distinct;
        var commits = result.Database.Commits / emails;
        foreach (var component in figures.Cpu.Components.OrderByDescending(component => component.CpuSeconds))
        {
            var share = Invariant($"{StormReport.CpuMilliseconds(component.CpuSeconds, figures):0.00} ms/e-mail");
            var lever = component.Name switch
            {
                "notifiers" => Invariant($"**Notifier** ({share}): per notice MassTransit's consume and ack, a claim in `notice_log` (many notices per INSERT), the account's version read in the same statement (the account grain is called back only when it moved since the notice was decided), the subject, text and HTML templates rendered and the MIME message composed, the send on a pooled SMTP session, and the Sent outcome logged (many per UPDATE). A process started for the run also pays its JIT here, which a longer storm spreads thinner. Levers: several `NoticeDue` per message, dividing the consume, the ack and the claim; less allocation per message (MimeKit, the templates)."),
                "silo" => Invariant($"**Silo** ({share}): per account a reminder tick, an activation that reads and deserializes the account's JSON state (many accounts per SELECT), the evaluation on a copy made through JSON, the state with its outbox written (many accounts per statement), `NoticeDue` and `AccountChanged` published with their confirms, the reminder moved to the next stage's time (batched), and the trimmed outbox written a second time. Allocation and JSON dominate. Levers: the outbox out of the state row, so the trim neither reserializes nor rewrites the account; `AccountChanged` coalesced; a binary state format; with the grains warm (`--warm`) the activation reads disappear, which prices the cold start."),
                "postgres" => Invariant($"**PostgreSQL** ({share}, {commits:0.00} commits/e-mail): batched statements, so row work more than commits: two `account_state` writes per storm account, one `notice_log` insert and update, one reminder row. Levers: the outbox out of the state row; a due-time column with the state instead of the reminder row; PostgreSQL on its own cores — on this machine it competes with everything else."),
                "rabbitmq" => Invariant($"**RabbitMQ** ({share}): two messages per e-mail (`NoticeDue`, `AccountChanged`; a plain Sent publishes no `NoticeOutcome`), each published with a confirm, routed, persisted and acknowledged. Levers: `AccountChanged` coalesced (the projection only needs the last), several notices per message."),
                "sink" => Invariant($"**SMTP sink** ({share}): the measuring instrument, not ArScale; on a real deployment the mail server is elsewhere and these cycles go to ArScale."),
                "load tool" => Invariant($"**Load tool** ({share}): the instrument (CPU sampling once a second, following the sink's receipts), not ArScale."),
                _ => null,
            };
            if (lever is not null)
            {
                yield return lever;
            }
        }

        var total = StormReport.CpuMilliseconds(figures.Cpu.Components.Sum(component => component.CpuSeconds), figures);
        yield return Invariant($"**More cores**: at {total:0.00} ms of CPU per e-mail, {StormReport.AimPerSecond:N0} e-mails/s need about {total * StormReport.AimPerSecond / 1000:0} cores; silos and Notifiers scale out as more processes on more machines (ADO.NET clustering, competing consumers), PostgreSQL and RabbitMQ on machines of their own.");
    }
}
