using ArScale.Load.Reports;
using ScottPlot;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary><c>faults.md</c>: one row per fault, what each check found, and the e-mails per second of each storm.</summary>
public static class FaultsReport
{
    public static Report Build(IReadOnlyList<FaultRow> rows, FaultSettings settings)
    {
        var report = new Report("faults", "Faults: real failures injected mid-storm");
        report.Heading("Results");
        report.Table(new ReportTable(
            ["fault", "how", "accounts", "hit at s", "load held", "recovery s", "lost", "duplicated", "Failed", "5xx", "final checks"],
            [.. rows.Select(row => (IReadOnlyList<string>)
            [
                $"`{row.Fault}`", row.How, Invariant($"{row.Accounts:N0}"), Invariant($"{row.HitSeconds:0.0}"), Invariant($"{row.LoadHeld:N0}"),
                row.RecoverySeconds is { } recovery ? Invariant($"{recovery:0.0}") : "–",
                Invariant($"{row.Lost:N0}"), row.AllowedDuplicates > 0 ? Invariant($"{row.Duplicated:N0} (≤ {row.AllowedDuplicates:N0})") : Invariant($"{row.Duplicated:N0}"),
                Invariant($"{row.Failed:N0}"), row.ServerErrors is { } errors ? Invariant($"{errors:N0}") : "–",
                row.Passed ? "**pass**" : "**fail**: " + string.Join("; ", row.Failures),
            ])]));
        report.Paragraph(
            "`hit at` is seconds after T0, the instant the storm's reminders begin to wake; `load held` the notices not yet at the sink when the fault hit; " +
            "`recovery` the seconds from the end of the fault (the process back, or the kill itself) to the last e-mail at the sink. " +
            "`lost` and `duplicated` come from the sink's receipts (one e-mail per expected notice id; a duplicate must carry the first one's Message-ID); " +
            "`Failed` from `notice_log`. The final checks also read every account's stored state after deactivating the grains (outbox empty, the due notice decided once, " +
            "its Sent outcome recorded once), the broker's `*_error` queues (empty) and, for silo faults, the reminders (every account keeps one) and membership (the killed silo marked dead).");
        report.Heading("What each run noted");
        report.Bullets(rows.Select(row => Invariant($"`{row.Fault}` ({row.RanAt:yyyy-MM-dd HH:mm} UTC): {row.Note}")));
        report.Heading("How");
        report.Paragraph(
            "Each fault runs on a system of its own (database, virtual host, cluster id, the tool's .NET SMTP sink), Release builds of the silo(s) and Notifier(s), on the load profile's PostgreSQL and RabbitMQ. " +
            "K accounts are created through their grains, each with an invoice due today, their grains deactivated, and their reminders wake over the wake-up spread; the fault hits at a third of it. " +
            Invariant($"This run: {settings.Accounts:N0} accounts, spread {settings.WakeUpSpread.TotalSeconds:0} s, outages {settings.OutageLabel}, reminder period {settings.EffectiveReminderPeriod.TotalSeconds:0} s{(settings.ReminderPeriod is null ? " (the silo's default)" : "")}. Rows of faults this run did not take are kept from earlier runs, with their own sizes."));
        return report;
    }

    public static Plot Chart(IReadOnlyList<FaultRow> rows) => Charts.PerSecond(
        "E-mails accepted by the sink per second, one storm per fault",
        "e-mails/s",
        rows.Select(row => ($"{row.Fault} (hit at {row.HitSeconds:0} s)", row.PerSecond)),
        xLabel: "seconds since T0");
}
