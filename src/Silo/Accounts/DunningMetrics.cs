using System.Diagnostics;
using System.Diagnostics.Metrics;
using ArScale.Dunning;
using ArScale.Silo.Outbox;

namespace ArScale.Silo.Accounts;

/// <summary>
/// The silo's own meter: reminders that woke an account, and what the accounts decided, counted once the decision
/// is written (with its outbox), so a write that fails and is retried is not counted twice; and the events this
/// silo's accounts hold in their outboxes, not yet confirmed by the broker (<see cref="OutboxDepth"/>).
/// </summary>
public sealed class DunningMetrics : IDisposable
{
    public const string MeterName = "ArScale.Silo";

    private readonly Meter meter;
    private readonly Counter<long> remindersFired;
    private readonly Counter<long> noticesEmitted;
    private readonly Counter<long> feesPosted;
    private readonly Counter<double> feeAmounts;

    public DunningMetrics(IMeterFactory meters, OutboxDepth outbox)
    {
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("arscale.outbox.depth", () => outbox.Current, unit: "{event}",
            description: "Events this silo's active accounts have stored in their outboxes and the broker has not confirmed yet");
        remindersFired = meter.CreateCounter<long>("arscale.reminders.fired", unit: "{reminder}", description: "Dunning reminders delivered to account grains");
        noticesEmitted = meter.CreateCounter<long>("arscale.notices.emitted", unit: "{notice}", description: "Notices the accounts decided to send, by stage and channel");
        feesPosted = meter.CreateCounter<long>("arscale.fees.posted", unit: "{fee}", description: "Late fees and interest charged, by kind and currency");
        feeAmounts = meter.CreateCounter<double>("arscale.fees.posted.amount", description: "Sum of the fees charged, in the currency named by the tag");
    }

    public void ReminderFired() => remindersFired.Add(1);

    public void Written(DunningDecision decision)
    {
        foreach (var notice in decision.Notices)
        {
            noticesEmitted.Add(1, new TagList { { "stage", notice.Stage }, { "channel", Kebab(notice.Channel.ToString()) } });
        }

        foreach (var fee in decision.Fees)
        {
            var tags = new TagList { { "kind", Kebab(fee.Kind.ToString()) }, { "currency", fee.Amount.Currency } };
            feesPosted.Add(1, tags);
            feeAmounts.Add((double)fee.Amount.Amount, tags);
        }
    }

    /// <summary>Tag values as the bus events spell them (<c>flat-fee</c>, <c>email</c>).</summary>
    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    public void Dispose() => meter.Dispose();
}
