namespace ArScale.Dunning.Tests.Evaluation;

public class SendWindowTests
{
    [Fact]
    public void A_notice_due_at_night_waits_for_the_next_local_morning()
    {
        var account = AnAccount().InZone("America/New_York").WithInvoice("inv-1", 100m, due: "2026-11-20").Build();

        var decision = account.Run(APolicy(), At("2026-11-20 06:30", "America/New_York"));

        Assert.Empty(decision.Notices);
        Assert.Equal(At("2026-11-20 09:00", "America/New_York"), decision.NextActionAt);
    }

    [Fact]
    public void The_next_morning_is_local_time_across_the_spring_forward_change()
    {
        // New York moves from UTC-5 to UTC-4 at 02:00 on 2026-03-08.
        var account = AnAccount().InZone("America/New_York").WithInvoice("inv-1", 100m, due: "2026-03-08").Build();

        var night = account.Run(APolicy(), new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 13, 0, 0, TimeSpan.Zero), night.NextActionAt);
        Assert.Equal(TimeSpan.FromHours(-4), TimeZoneInfo.ConvertTime(night.NextActionAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).Offset);
        Assert.Empty(night.Notices);
    }

    [Fact]
    public void The_next_morning_is_local_time_across_the_autumn_change_in_London()
    {
        // London leaves BST (UTC+1) for GMT at 02:00 on 2026-10-25: 09:00 local is 08:00 UTC the day before, 09:00 UTC after.
        var account = AnAccount().InZone("Europe/London").WithInvoice("inv-1", 100m, due: "2026-10-24").Build();
        account.Run(APolicy(), new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero));

        var evening = account.Run(APolicy(), new DateTimeOffset(2026, 10, 24, 18, 30, 0, TimeSpan.Zero));

        Assert.Empty(evening.Notices);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 9, 0, 0, TimeSpan.Zero), evening.NextActionAt);
    }

    [Fact]
    public void Inside_the_window_the_opening_is_now()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var now = At("2026-11-20 17:59");

        Assert.Equal(now, SendWindow.Default.NextOpening(now, zone));
        Assert.Equal(At("2026-11-21 09:00"), SendWindow.Default.NextOpening(At("2026-11-20 18:00"), zone));
    }

    [Fact]
    public void A_weekdays_only_window_moves_a_saturday_notice_to_monday_morning()
    {
        // 2026-11-21 is a Saturday.
        var account = AnAccount().WithInvoice("inv-1", 100m, due: "2026-11-21").Build();
        var policy = APolicy().WithWindow(9, 18, weekdaysOnly: true).Build();
        account.Run(policy, At("2026-11-18 10:00"));

        var saturday = account.Run(policy, At("2026-11-21 10:00"));
        var monday = account.Run(policy, At("2026-11-23 09:00"));

        Assert.Empty(saturday.Notices);
        Assert.Equal(At("2026-11-23 09:00"), saturday.NextActionAt);
        Assert.Equal("due", Assert.Single(monday.Notices).Stage);
    }

    [Fact]
    public void A_window_opening_inside_the_spring_gap_opens_when_the_clock_resumes()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var window = new SendWindow(new TimeOnly(2, 30), new TimeOnly(18, 0));

        var opening = window.NextOpening(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), opening);
    }
}
