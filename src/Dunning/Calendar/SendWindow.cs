namespace ArScale.Dunning;

/// <summary>When the customer may be contacted, in their own time zone. Start inclusive, end exclusive.</summary>
public sealed record SendWindow(TimeOnly Start, TimeOnly End, bool WeekdaysOnly = false)
{
    public static SendWindow Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(18, 0));

    public bool IsValid => Start < End;

    public bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone) => NextOpening(instant, zone) == instant;

    /// <summary><paramref name="instant"/> itself when the window is open then, otherwise the next local opening.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = ZoneTime.LocalDate(instant, zone);
        for (var day = 0; day < 8; day++)
        {
            var date = today.AddDays(day);
            if (WeekdaysOnly && date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var opens = ZoneTime.ToInstant(date, Start, zone);
            var closes = ZoneTime.ToInstant(date, End, zone);
            if (instant < closes)
            {
                return instant >= opens ? instant : opens;
            }
        }

        throw new InvalidOperationException("A send window always opens within a week.");
    }
}
