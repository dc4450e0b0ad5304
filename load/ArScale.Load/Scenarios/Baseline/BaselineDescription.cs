using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>What the baseline report says about the Hangfire baseline: how it is built, and where its time went.</summary>
public static class BaselineDescription
{
    public static void Write(Report report, StormSettings settings, BaselineSettings baseline, HangfireStormResult result)
    {
        report.Paragraph(Invariant(
            $"""
            `load/Baseline` is what a .NET team builds for these reminders without ArScale: an ASP.NET Core app with Hangfire.Core 1.8.25 and Hangfire.PostgreSql 1.21.1 (its storage in a database of its own on the same PostgreSQL), the Hangfire server in the same process. Invoices arrive through its `POST /invoices` (500 per request, one transaction for the rows, then one `IBackgroundJobClient.Schedule<DueReminderJob>(…, dueAt)` per invoice: the delayed job of each invoice). They are created due late tonight; once that pass has shown how fast this machine schedules, T0 is chosen and their due instant moved to it (`PUT /invoices/due`: `IBackgroundJobClient.Reschedule(jobId, T0)` per invoice), as ArScale's accounts get their send window set once T0 is known. Each job reads its invoice (one SELECT), renders the very Liquid template the Notifier renders for the due stage (`src/Notifier/templates/en/email/dunning.due.liquid`, with Fluid), composes the e-mail with MimeKit, sends it with a **new MailKit `SmtpClient` per job** (connect, EHLO, MAIL, RCPT, DATA, QUIT, on MailKit's own socket: what most code does) to the same kind of sink, and marks the invoice reminded (one UPDATE); Hangfire retries a failed job (10 attempts by default). The e-mail carries the same `X-ArScale-Notice-Id` shape, so the same check counts lost and doubled reminders.
            """));
        var workers = baseline.Workers is null ? "Hangfire's default: 5 per core, at most 20" : "`--workers`";
        report.Paragraph(Invariant(
            $"Hangfire settings: {result.Workers} workers ({workers}); `SchedulePollingInterval` and `QueuePollInterval` {baseline.Polling.TotalSeconds:0.#} s (Hangfire's defaults are 15 s, which would add up to 30 s before the first reminder; a team promising reminders on time shortens them). Everything else is Hangfire's default. Set-up, not measured: app up in {result.ServicesSeconds:0.0} s, {settings.Accounts:N0} jobs scheduled in {result.ScheduleSeconds:0.0} s ({settings.Accounts / Math.Max(0.001, result.ScheduleSeconds):N0}/s) and moved to T0 in {result.MoveSeconds:0.0} s; then {result.IdleBeforeDueSeconds:0.0} s idle until T0 = {result.Instant.DueAt:HH:mm:ss} UTC."));
        report.Paragraph(Invariant($"Hangfire's counts at the end: succeeded {result.Counts.Succeeded:N0}, failed {result.Counts.Failed:N0}, still scheduled (retries included) {result.Counts.Scheduled:N0}, enqueued {result.Counts.Enqueued:N0}, processing {result.Counts.Processing:N0}."));
    }

    /// <summary>Where the baseline's time went: its workers were either busy on the CPU or waiting on round trips.</summary>
    public static void Reading(Report report, HangfireStormResult result)
    {
        var figures = result.Figures;
        if (figures.Delivery.Distinct == 0)
        {
            report.Paragraph("The baseline delivered nothing: there is no time to account for.");
            return;
        }

        var cpu = figures.Cpu;
        var busy = cpu.MachineBusyCores / cpu.MachineCores;
        var app = cpu.Components.FirstOrDefault(component => component.Name == "hangfire app");
        var postgres = cpu.Components.FirstOrDefault(component => component.Name == "postgres");
        var limit = busy >= 0.85
            ? "The cores were the limit."
            : Invariant($"CPU was not the limit: the workers mostly waited (round trips to PostgreSQL and the sink; MailKit's own socket leaves Nagle on); more workers would go faster until the cores are full, at {StormReport.CpuMilliseconds(cpu.Components.Sum(component => component.CpuSeconds), figures):0.00} ms of CPU per reminder.");
        report.Bullets(
        [
            Invariant($"Baseline: {result.Workers} workers delivered {figures.Delivery.Distinct:N0} reminders in {figures.LastSeconds:0.0} s: each job held its worker **{result.JobMilliseconds:0.0} ms** on average (read the invoice, render, compose, connect to the sink, send, QUIT, mark the invoice, plus Hangfire's fetch and state changes in PostgreSQL)."),
            Invariant($"Per reminder it cost {StormReport.CpuMilliseconds(app?.CpuSeconds ?? 0, figures):0.00} ms of the app's CPU and {StormReport.CpuMilliseconds(postgres?.CpuSeconds ?? 0, figures):0.00} ms of PostgreSQL's; the machine was {busy:P0} busy. {limit}"),
        ]);
    }
}
