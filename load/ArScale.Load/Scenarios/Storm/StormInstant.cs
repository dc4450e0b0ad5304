using ArScale.Dunning;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// The instant T0 at which every account of a storm owes its notice, and how the accounts are set up so that it is
/// so through the production path alone: each invoice is due on T0's local date (the policy's <c>due</c> stage,
/// offset 0, is reached), and each account's send window (its profile's own, as a lender sets per customer) opens
/// at T0's local time of day and stays open four hours. Until T0 the evaluation finds the window closed and asks for
/// a reminder at its opening: T0, for every account — the 09:00 storm of a portfolio, at a moment of our choosing.
/// </summary>
public sealed record StormInstant(DateTimeOffset DueAt, StormDay Day, SendWindow Window)
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromHours(4);

    public string TimeZone => Day.TimeZone;

    public DateOnly DueDate => Day.DueDate;

    /// <summary>T0 at the first whole second at or after <paramref name="earliest"/>, on <paramref name="day"/>.</summary>
    public static StormInstant At(StormDay day, DateTimeOffset earliest)
    {
        var dueAt = new DateTimeOffset(earliest.UtcTicks - (earliest.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (dueAt < earliest)
        {
            dueAt = dueAt.AddSeconds(1);
        }

        var local = TimeZoneInfo.ConvertTime(dueAt, day.Zone);
        if (DateOnly.FromDateTime(local.DateTime) != day.DueDate || local.TimeOfDay >= TimeSpan.FromHours(24) - WindowLength)
        {
            throw new Infrastructure.LoadFailedException($"T0 ({dueAt:HH:mm:ss} UTC) falls too late in the day in {day.TimeZone} for a storm set up at {day.ChosenAt:HH:mm:ss} UTC: is the lead longer than {StormDay.Daytime.TotalHours:0} hours?");
        }

        var opening = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return new StormInstant(dueAt, day, new SendWindow(opening, opening.Add(WindowLength)));
    }

    /// <summary>The id of the one notice each account owes at T0: its invoice's <c>due</c> stage, by e-mail.</summary>
    public string NoticeId(string accountId, string invoiceId) =>
        DunningIds.Notice(DunningIds.Firing(accountId, DueStage, [invoiceId], DueDate), Channel.Email);

    /// <summary>The standard policy's stage at offset 0 (policies/standard.json).</summary>
    public const string DueStage = "due";
}

/// <summary>
/// The customers' time zone and the local date their invoices fall due: today, in a zone where it is now between 06:00
/// and 14:00, so that T0 (hours later at most) is still in the same day's daytime and its four-hour window ends before
/// midnight.
/// </summary>
public sealed record StormDay(string TimeZone, DateOnly DueDate, DateTimeOffset ChosenAt)
{
    /// <summary>Customers' zones, one of which has a morning whenever the run happens.</summary>
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "America/Los_Angeles"];

    private static readonly TimeSpan Earliest = TimeSpan.FromHours(6);

    /// <summary>How long after it is chosen the day still has room for T0.</summary>
    public static readonly TimeSpan Daytime = TimeSpan.FromHours(6);

    public TimeZoneInfo Zone => ZoneTime.TryFind(TimeZone, out var zone) ? zone : throw new InvalidOperationException($"unknown time zone {TimeZone}");

    /// <summary>
    /// A window that is closed for the rest of <see cref="DueDate"/> (it opens at midnight, for one second): what the
    /// accounts are created with, before T0 is chosen; each account's evaluation then waits for tomorrow.
    /// </summary>
    public static SendWindow ClosedUntilTomorrow { get; } = new(TimeOnly.MinValue, new TimeOnly(0, 0, 1));

    public static StormDay Choose(DateTimeOffset now)
    {
        foreach (var zoneId in Zones)
        {
            if (ZoneTime.TryFind(zoneId, out var zone))
            {
                var local = TimeZoneInfo.ConvertTime(now, zone);
                if (local.TimeOfDay >= Earliest && local.TimeOfDay < Earliest + TimeSpan.FromHours(8))
                {
                    return new StormDay(zoneId, DateOnly.FromDateTime(local.DateTime), now);
                }
            }
        }

        throw new InvalidOperationException($"none of the time zones {string.Join(", ", Zones)} has a morning now, or this machine does not know them");
    }
}
