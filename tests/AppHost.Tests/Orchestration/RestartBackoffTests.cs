using ArScale.AppHost.Orchestration;

namespace ArScale.AppHost.Tests.Orchestration;

public sealed class RestartBackoffTests
{
    [Fact]
    public void A_service_that_keeps_crashing_waits_longer_each_time_up_to_thirty_seconds()
    {
        var backoff = new RestartBackoff();

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.After(TimeSpan.FromSeconds(2)).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_crash_after_a_stable_run_is_retried_at_once_again()
    {
        var backoff = new RestartBackoff();
        backoff.After(TimeSpan.FromSeconds(1));
        backoff.After(TimeSpan.FromSeconds(1));
        backoff.After(TimeSpan.FromSeconds(1));

        Assert.Equal(RestartBackoff.First, backoff.After(RestartBackoff.StableAfter));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.After(TimeSpan.FromSeconds(1)));
    }
}
