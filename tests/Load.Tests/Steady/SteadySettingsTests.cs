using ArScale.Load.Cli;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Steady;

namespace ArScale.Load.Tests.Steady;

/// <summary>The steady load's flags become a storm of rate × minutes × 60 accounts over a wake-up spread of the duration.</summary>
public sealed class SteadySettingsTests
{
    [Fact]
    public void The_defaults_are_the_issue_s_200_notices_a_second_for_ten_minutes()
    {
        var settings = Read();

        Assert.Equal((200, 10.0, 120_000, TimeSpan.FromSeconds(600)), (settings.Rate, settings.Minutes, settings.Accounts, settings.Spread));
        Assert.Equal(SteadySettings.AutoTimeout(TimeSpan.FromSeconds(600), 120_000), settings.Storm.Timeout);
    }

    [Theory]
    [InlineData("50", "2", 6_000, 120)]
    [InlineData("10", "0.5", 300, 30)]
    [InlineData("1", "1", 60, 60)]
    public void Accounts_are_rate_times_minutes_times_60_over_a_spread_of_the_minutes(string rate, string minutes, int accounts, int spreadSeconds)
    {
        var settings = Read("--rate", rate, "--minutes", minutes);

        Assert.Equal(accounts, settings.Storm.Accounts);
        Assert.Equal(TimeSpan.FromSeconds(spreadSeconds), settings.Storm.WakeUpSpread);
        Assert.Equal(TimeSpan.FromSeconds(spreadSeconds).ToString("c"), settings.Storm.SiloEnvironment()["ArScale__Dunning__WakeUpSpread"]);
    }

    [Fact]
    public void The_storm_s_service_and_timing_flags_pass_through()
    {
        var settings = Read("--notifiers", "2", "--timeout", "900", "--quiet-wait", "10", "--warm");

        Assert.Equal(2, settings.Storm.Notifiers);
        Assert.Equal(TimeSpan.FromSeconds(900), settings.Storm.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Storm.QuietWait);
        Assert.True(settings.Storm.Warm);
    }

    [Theory]
    [InlineData("--minutes", "0.01")]
    [InlineData("--minutes", "0")]
    [InlineData("--minutes", "ten")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "10000")]
    public void A_duration_without_whole_seconds_or_too_many_accounts_is_refused(string flag, string value) =>
        Assert.Throws<FlagException>(() => Read(flag, value));

    [Fact]
    public void A_p99_that_climbs_minute_after_minute_is_growing_and_a_flat_one_is_steady()
    {
        Assert.True(SteadyFigures.IsGrowing(Minutes(1.0, 1.2, 2.5, 4.0)));
        Assert.False(SteadyFigures.IsGrowing(Minutes(1.0, 1.3, 0.9, 1.2)));
        // Small values that double are noise, not a backlog: 0.5 s more at least.
        Assert.False(SteadyFigures.IsGrowing(Minutes(0.1, 0.1, 0.25, 0.3)));
        Assert.False(SteadyFigures.IsGrowing(Minutes(3.0)));
    }

    private static SteadySettings Read(params string[] arguments)
    {
        var flags = new Flags(arguments);
        var settings = SteadySettings.Read(flags);
        flags.RejectUnknown();
        return settings;
    }

    private static List<SteadyMinute> Minutes(params double[] p99Seconds) =>
        [.. p99Seconds.Select((p99, index) => new SteadyMinute(index + 1, 100, 100, 100 / 60.0, 100 / 60.0, new Latency(100, p99 * 500, p99 * 900, p99 * 1000, p99 * 1200)))];
}
