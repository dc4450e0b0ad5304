using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>What the scale report says about how the storm on its slice was made, so a reader can judge the figures.</summary>
public static class ScaleSliceDescription
{
    public static void Write(Report report, ScaleSettings settings, ScaleSliceResult slice)
    {
        var storm = slice.Storm;
        var instant = storm.Instant;
        var setUp = storm.SetUp;
        var accounts = settings.Slice.Accounts;
        report.Paragraph(Invariant(
            $"""
            {accounts:N0} of the {settings.Accounts:N0} accounts ({Spacing(settings.Accounts, accounts)}), not prepared for it at creation: each held its profile and `inv-1`, due in 30 days. Through its account grain, one `ExecuteMany` each, every slice account then got a profile with a recipient of its own (`<account>@load.example.test`), a time zone where it is morning ({instant.TimeZone}) and a send window closed for the rest of today, and a second invoice, `{ScaleSlice.InvoiceId}` (EUR 250.00, due today), both under command ids of their own: {setUp.CreateSeconds:0.0} s ({setUp.CreatePerSecond(accounts):N0}/s), each account's state read from PostgreSQL first. From how long that took, T0 was chosen; each profile's send window was set to open at T0's local time ({instant.Window.Start:HH:mm:ss}, {setUp.OpenSeconds:0.0} s), so the standard policy's `due` stage of `{ScaleSlice.InvoiceId}` waits for it and each slice account's one reminder is due at T0 = {instant.DueAt:yyyy-MM-dd HH:mm:ss} UTC; `inv-1`'s first stage (courtesy) is 27 days away. The notice each slice account owes is `<account>:due:{ScaleSlice.InvoiceId}:<date>:email`, exactly once at the sink.
            """));
        report.Paragraph(Invariant(
            $"""
            Cold, as a 09:00 storm finds accounts idle all night: before the set-up the {slice.InMemoryBefore:N0} accounts still in memory were deactivated ({slice.DeactivateSeconds:0.0} s; all of them when the rest window is skipped), and after it the slice's {setUp.Deactivated:N0} activations (`IManagementGrain.ForceActivationCollection`, {setUp.DeactivateSeconds:0.0} s), so at T0 each reminder activates its grain and reads its state from PostgreSQL, beside the {settings.Accounts - accounts:N0} other accounts' pending reminders. Then {setUp.IdleBeforeDueSeconds:0.0} s idle until T0.
            """));
        report.Paragraph(Invariant(
            $"""
            System: the run's silo (`WakeUpSpread` {settings.Slice.SpreadLabel}, `MaxConcurrentReminderWork` {settings.Slice.ReminderWork}), its Gateway (projecting every `AccountChanged` the storm makes: its CPU is in the table) and {settings.Slice.Notifiers} Notifier process(es) started with the system and idle until T0 (`ConcurrentMessageLimit` {settings.Slice.ConcurrentMessageLimit}, `PrefetchCount` {settings.Slice.PrefetchCount}, `Email:PoolSize` {settings.Slice.PoolSize}). Sink: {StormDescription.Sink(settings.Slice.Sink)}.
            """));
    }

    private static string Spacing(int accounts, int slice) =>
        accounts == slice ? "all of them" : Invariant($"one in every {accounts / (double)slice:0.#}, from the first");
}
