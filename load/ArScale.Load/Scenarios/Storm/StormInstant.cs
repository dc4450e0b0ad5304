using ArScale.Dunning;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// The instant T0 at which every account of a storm owes its notice, and how the accounts are set up so that it is
/// so through the production path alone: each invoice is due on T0's local date (the policy's <c>due</c> stage,
/// offset 0, is reached), and each account's send window (its profile's own, as a lender sets per customer) opens
/// at T0's local time of day and stays open four hours. Until T0 the evaluation finds the window closed and asks for
/// a reminder at its opening: T0, for every account — the 09:00 storm of a portfolio, at a moment of our choosing.
/// </summary>
public sealed record StormInstant(DateTimeOffset DueAt, string TimeZone, DateOnly DueDate, SendWindow Window)
{
    /// <summary>Customers' zones, one of which has T0 in its daytime whenever the run happens.</summary>
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"];

    private static readonly TimeOnly EarliestOpening = new(6, 0);
    private static readonly TimeOnly LatestOpening = new(18, 0);
    private static readonly TimeSpan WindowLength = TimeSpan.FromHours(4);

    /// <summary>
    /// T0 at the first whole second at or after <paramref name="earliest"/>, in a zone where that is daytime, so the
    /// window neither crosses midnight nor lets the due date differ between set-up and T0.
    /// </summary>
    public static StormInstant At(DateTimeOffset earliest)
    {
        var dueAt = new DateTimeOffset(earliest.UtcTicks - (earliest.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (dueAt < earliest)
        {
            dueAt = dueAt.AddSeconds(1);
        }

        foreach (var zoneId in Zones)
        {
            if (!ZoneTime.TryFind(zoneId, out var zone))
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTime(dueAt, zone);
            var opening = TimeOnly.FromTimeSpan(local.TimeOfDay);
            if (opening >= EarliestOpening && opening < LatestOpening)
            {
                return new StormInstant(dueAt, zoneId, DateOnly.FromDateTime(local.DateTime), new SendWindow(opening, opening.Add(WindowLength)));
            }
        }

        throw new InvalidOperationException($"none of the time zones {string.Join(", ", Zones)} is known to this machine");
    }

    /// <summary>The id of the one notice each account owes at T0: its invoice's <c>due</c> stage, by e-mail.</summary>
    public string NoticeId(string accountId, string invoiceId) =>
        DunningIds.Notice(DunningIds.Firing(accountId, DueStage, [invoiceId], DueDate), Channel.Email);

    /// <summary>The standard policy's stage at offset 0 (policies/standard.json).</summary>
    public const string DueStage = "due";
}
