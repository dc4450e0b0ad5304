using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>What the baseline report says about the Hangfire baselines: how they are built, the aims against them, where their time went.</summary>
public static class BaselineDescription
{
    /// <summary>The ratio ArScale / baseline of e-mails/s end to end, for each baseline variant run (the fastest tuned run for the tuned one).</summary>
    public static string Ratios(double? naive, HangfireStormResult? tuned, double? tunedRatio)
    {
        var parts = new List<string>();
        if (naive is { } n)
        {
            parts.Add(Invariant($"Ratio ArScale / naive baseline, e-mails/s end to end: **{n:0.0}×**"));
        }

        if (tuned is not null && tunedRatio is { } t)
        {
            parts.Add(Invariant($"ratio ArScale / tuned baseline{(tuned.Variant.Sweep ? Invariant($" (its fastest run, {tuned.Workers} workers)") : "")}: **{t:0.0}×** (the aim: ≥ {StormReading.AimRatio:0}× the tuned one)"));
        }

        return string.Join("; ", parts) + ".";
    }

    /// <summary>The aims against the baselines: 10× the tuned one (the naive one when the tuned did not run), and none lost or doubled by any.</summary>
    public static void Aims(Report report, StormFigures arscale, HangfireStormResult? naive, HangfireStormResult? tuned, IReadOnlyList<HangfireStormResult> runs)
    {
        var aims = new List<string>();
        if (tuned is not null)
        {
            var ratio = StormReading.Ratio(arscale, tuned.Figures);
            aims.Add(Invariant($"≥ {StormReading.AimRatio:0}× the tuned baseline: **{(ratio >= StormReading.AimRatio ? "met" : "not met")}** ({ratio:0.0}×: {arscale.EmailsPerSecond:N0} against {tuned.Figures.EmailsPerSecond:N0} e-mails/s)."));
        }

        if (naive is not null)
        {
            var ratio = StormReading.Ratio(arscale, naive.Figures);
            aims.Add(tuned is null
                ? Invariant($"≥ {StormReading.AimRatio:0}× the baseline, naive variant only (the tuned one did not run, so this is not the issue's aim): {(ratio >= StormReading.AimRatio ? "met" : "not met")} ({ratio:0.0}×).")
                : Invariant($"Against the naive baseline, for scale: {ratio:0.0}× ({naive.Figures.EmailsPerSecond:N0} e-mails/s)."));
        }

        var failed = runs.Where(run => !run.Figures.Delivery.Passed).ToList();
        aims.Add(failed.Count == 0
            ? "0 lost and 0 duplicates in every baseline run too: **met** (the comparison is between systems that each delivered every reminder once)."
            : "0 lost and 0 duplicates in every baseline run: **not met**: " + string.Join("; ", failed.Select(run => Invariant($"{run.Variant.System}: lost {run.Figures.Delivery.Lost:N0}, duplicates {run.Figures.Delivery.Duplicates:N0}"))) + ".");
        report.Bullets(aims);
    }

    public static void Write(Report report, StormSettings settings, BaselineSettings baseline, IReadOnlyList<HangfireStormResult> runs)
    {
        report.Paragraph(Invariant(
            $"""
            `load/Baseline` is what a .NET team builds for these reminders without ArScale: an ASP.NET Core app with Hangfire.Core 1.8.25 and Hangfire.PostgreSql 1.21.1 (its storage in a database of its own on the same PostgreSQL), the Hangfire server in the same process. Invoices arrive through its `POST /invoices` ({BaselineSettings.BatchSize} per request, one transaction for the rows, then one `IBackgroundJobClient.Schedule<DueReminderJob>(…, dueAt)` per invoice: the delayed job of each invoice). They are created due late tonight; once that pass has shown how fast this machine schedules, T0 is chosen and their due instant moved to it (`PUT /invoices/due`: `IBackgroundJobClient.Reschedule(jobId, T0)` per invoice), as ArScale's accounts get their send window set once T0 is known. Each job reads its invoice (one SELECT), renders the very Liquid template the Notifier renders for the due stage (`src/Notifier/templates/en/email/dunning.due.liquid`, with Fluid), composes the e-mail with MimeKit, sends it to the same kind of sink, and marks the invoice reminded (one UPDATE); Hangfire retries a failed job (10 attempts by default). The e-mail carries the same `X-ArScale-Notice-Id` shape, so the same check counts lost and doubled reminders. Both variants poll with `SchedulePollingInterval` and `QueuePollInterval` = {baseline.Polling.TotalSeconds:0.#} s (Hangfire's defaults are 15 s, which would add up to 30 s before the first reminder; a team promising reminders on time shortens them); everything not named below is Hangfire's default. The app is the same build for both; `Baseline:Mailer`, `Baseline:WorkerCount` and `Baseline:PoolSize` choose the variant.
            """));
        var bullets = new List<string>();
        if (runs.FirstOrDefault(run => !run.Variant.IsTuned) is { } naive)
        {
            var workers = naive.Variant.DefaultWorkers ? "Hangfire's default: 5 per core, at most 20" : "`--naive-workers`";
            bullets.Add(Invariant($"**Naive** (what most code does): a **new MailKit `SmtpClient` per job** on MailKit's own socket (Nagle on): connect, greeting, EHLO, MAIL, RCPT, DATA, QUIT for every reminder; {naive.Workers} workers ({workers})."));
        }

        if (runs.FirstOrDefault(run => run.Variant.IsTuned) is { } tuned)
        {
            var counts = string.Join(", ", runs.Where(run => run.Variant.IsTuned).Select(run => run.Workers));
            var workers = tuned.Variant.Sweep
                ? Invariant($"{counts} workers, one run each (`--tuned-workers`)")
                : Invariant($"{tuned.Workers} workers{(tuned.Workers == BaselineSettings.DefaultTunedWorkers ? Invariant($", the fastest of the counts measured on this machine (5, 10, 20, 40: the table in `load/Baseline/README.md`){(tuned.Workers == BaselineSettings.HangfireDefaultWorkers ? "; here that is Hangfire's own default too: the cores are the limit, and more workers only added contention on Hangfire's fetch" : "")}") : ": `--tuned-workers`")}");
            bullets.Add(Invariant($"**Tuned** (what a competent team gives it): a **pool of at most {tuned.Variant.PoolSize} MailKit `SmtpClient` sessions**, each connected once on a socket opened with `NoDelay = true` (Nagle off) and handed to MailKit, then reused job after job (MAIL, RCPT, DATA only); a session whose send fails is discarded and replaced, its job retried by Hangfire; {workers}."));
        }

        report.Bullets(bullets);
        foreach (var run in runs)
        {
            report.Paragraph(Invariant(
                $"{run.Variant.System}: app up in {run.ServicesSeconds:0.0} s, {settings.Accounts:N0} jobs scheduled in {run.ScheduleSeconds:0.0} s ({settings.Accounts / Math.Max(0.001, run.ScheduleSeconds):N0}/s) and moved to T0 in {run.MoveSeconds:0.0} s; then {run.IdleBeforeDueSeconds:0.0} s idle until T0 = {run.Instant.DueAt:HH:mm:ss} UTC (set-up, not measured). Hangfire's counts at the end: succeeded {run.Counts.Succeeded:N0}, failed {run.Counts.Failed:N0}, still scheduled (retries included) {run.Counts.Scheduled:N0}, enqueued {run.Counts.Enqueued:N0}, processing {run.Counts.Processing:N0}. SMTP connections opened: {run.Counts.SmtpConnections:N0}, given up after a failed send: {run.Counts.SmtpDiscarded:N0}."));
        }
    }

    /// <summary>The tuned variant's worker counts side by side, when the run compared several.</summary>
    public static void Sweep(Report report, IReadOnlyList<HangfireStormResult> runs)
    {
        var tuned = runs.Where(run => run.Variant.IsTuned).ToList();
        if (tuned.Count < 2)
        {
            return;
        }

        report.Paragraph("The tuned variant's worker counts compared (same storm, one after the other):");
        report.Table(new ReportTable(
            ["workers", "e-mails/s end to end", "steady/s", "job ms on its worker", "app ms CPU/e-mail", "postgres ms CPU/e-mail", "total ms CPU/e-mail", "machine busy", "other cores"],
            [.. tuned.Select(run => (IReadOnlyList<string>)
            [
                StormReport.Number(run.Workers), StormReport.Fixed(run.Figures.EmailsPerSecond, "N0"), StormReport.Fixed(run.Figures.SteadyPerSecond, "N0"),
                StormReport.Fixed(run.JobMilliseconds, "0.0"), StormReport.Fixed(CpuOf(run, "hangfire app"), "0.00"), StormReport.Fixed(CpuOf(run, "postgres"), "0.00"),
                StormReport.Fixed(StormReport.CpuMilliseconds(run.Figures.Cpu.Components.Sum(component => component.CpuSeconds), run.Figures), "0.00"),
                Invariant($"{run.Figures.Cpu.MachineBusyCores / run.Figures.Cpu.MachineCores:P0}"), StormReport.Fixed(run.Figures.Cpu.OtherCores, "0.00"),
            ])]));
    }

    /// <summary>Where a baseline run's time went: its workers were either busy on the CPU or waiting on round trips.</summary>
    public static void Reading(Report report, IReadOnlyList<HangfireStormResult> runs)
    {
        report.Bullets(runs.SelectMany(Reading));
    }

    private static IEnumerable<string> Reading(HangfireStormResult result)
    {
        var figures = result.Figures;
        var name = result.Variant.System;
        if (figures.Delivery.Distinct == 0)
        {
            yield return $"{name} delivered nothing: there is no time to account for.";
            yield break;
        }

        var cpu = figures.Cpu;
        var busy = cpu.MachineBusyCores / cpu.MachineCores;
        var waits = result.Variant.IsTuned
            ? "round trips to PostgreSQL and the sink on pooled NoDelay sessions"
            : "round trips to PostgreSQL, and to the sink over a new connection per job on MailKit's own socket, which leaves Nagle on";
        var limit = busy >= 0.85
            ? "The cores were the limit."
            : Invariant($"CPU was not the limit: the workers mostly waited ({waits}); more workers would go faster until the cores are full, at {StormReport.CpuMilliseconds(cpu.Components.Sum(component => component.CpuSeconds), figures):0.00} ms of CPU per reminder.");
        var smtp = result.Variant.IsTuned ? "send on a pooled session" : "connect to the sink, send, QUIT";
        yield return Invariant($"{name}: {result.Workers} workers delivered {figures.Delivery.Distinct:N0} reminders in {figures.LastSeconds:0.0} s: each job held its worker **{result.JobMilliseconds:0.0} ms** on average (read the invoice, render, compose, {smtp}, mark the invoice, plus Hangfire's fetch and state changes in PostgreSQL). Per reminder it cost {CpuOf(result, "hangfire app"):0.00} ms of the app's CPU and {CpuOf(result, "postgres"):0.00} ms of PostgreSQL's; the machine was {busy:P0} busy. {limit}");
    }

    private static double CpuOf(HangfireStormResult run, string component) =>
        StormReport.CpuMilliseconds(run.Figures.Cpu.Components.FirstOrDefault(found => found.Name == component)?.CpuSeconds ?? 0, run.Figures);
}
