using ArScale.AppHost.Demo;
using ArScale.Dunning;

namespace ArScale.AppHost.Tests.Demo;

/// <summary>The point of the demo: notices flow within a minute, whatever the hour it is started at.</summary>
public sealed class DemoTimingTests
{
    [Fact]
    public void Most_customers_get_an_email_the_moment_their_invoices_arrive()
    {
        var now = DemoFixture.WednesdayMorningUtc;
        var portfolio = DemoFixture.Generate(now: now);

        var decisions = DemoFixture.Decisions(portfolio, now).ToList();

        var emailed = decisions.Count(entry => entry.Decision.Notices.Any(notice => notice.Channel == Channel.Email));
        Assert.True(emailed > portfolio.Accounts.Count * 0.4, $"{emailed} of {portfolio.Accounts.Count} customers get an e-mail now");
        var stages = decisions.SelectMany(entry => entry.Decision.Notices).Select(notice => notice.Stage).ToHashSet();
        Assert.Superset(new HashSet<string> { "courtesy", "due", "overdue-7", "overdue-15", "collector-30" }, stages);
        Assert.Contains(decisions, entry => entry.Decision.Fees.Count > 0);
    }

    [Fact]
    public void Customers_placed_where_the_window_is_open_are_inside_it_now_and_others_learn_when_it_opens()
    {
        var now = DemoFixture.WednesdayMorningUtc;
        var portfolio = DemoFixture.Generate(now: now);

        foreach (var account in portfolio.Accounts)
        {
            var window = DemoFixture.Policies.For(DemoForecast.Profile(account))!.SendWindow;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
            Assert.Equal(window.NextOpening(now, zone), account.WindowOpensAt);
            Assert.Equal(ZoneTime.LocalDate(now, zone), account.LocalToday);
        }

        Assert.True(portfolio.Accounts.Count(account => account.WindowOpensAt == now) > portfolio.Accounts.Count / 2);
    }

    [Fact]
    public void The_forecast_counts_the_emails_the_domain_decides_now()
    {
        var now = DemoFixture.WednesdayMorningUtc;
        var portfolio = DemoFixture.Generate(accounts: 500, now: now);

        var forecast = DemoForecast.Of(portfolio, DemoFixture.Policies, now);

        var emails = DemoFixture.Decisions(portfolio, now).Sum(entry => entry.Decision.Notices.Count(notice => notice.Channel == Channel.Email));
        Assert.Equal(emails, forecast.EmailsNow);
        Assert.Equal(emails, forecast.EmailsNowByStage.Values.Sum());
    }

    [Fact]
    public void At_every_hour_of_the_week_some_customers_get_an_email_at_once()
    {
        var monday = new DateTimeOffset(2026, 11, 23, 0, 7, 0, TimeSpan.Zero);
        var quiet = new List<DateTimeOffset>();

        for (var hour = 0; hour < 7 * 24; hour++)
        {
            var now = monday.AddHours(hour);
            if (DemoForecast.Of(DemoFixture.Generate(accounts: 60, now: now), DemoFixture.Policies, now).EmailsNow == 0)
            {
                quiet.Add(now);
            }
        }

        Assert.Empty(quiet);
    }
}
