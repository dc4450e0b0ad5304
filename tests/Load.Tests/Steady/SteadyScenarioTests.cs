using ArScale.Load.Scenarios.Steady;

namespace ArScale.Load.Tests.Steady;

/// <summary>
/// A small steady load (10 notices/s for 30 s) on the real components: every notice arrives once, each is measured
/// from its own due instant, and the report has its figures, its minutes and its goal line. The latency itself is a
/// Debug build's on a busy test machine, so the goal's verdict is not asserted.
/// </summary>
[Collection(LoadProfileCollection.Name)]
public sealed class SteadyScenarioTests
{
    [Fact]
    public async Task A_small_steady_load_delivers_every_notice_once_and_reports_its_latency_from_each_due_instant()
    {
        using var run = await ScenarioRun.StartAsync(new SteadyLoad(), "--rate", "10", "--minutes", "0.5");

        Assert.Equal(0, run.ExitCode);
        var delivery = run.Figures("steady", "steady.delivery");
        Assert.Equal(300, delivery.GetProperty("expected").GetInt64());
        Assert.Equal(300, delivery.GetProperty("distinct").GetInt64());
        Assert.Equal(0, delivery.GetProperty("lost").GetInt64() + delivery.GetProperty("duplicates").GetInt64() + delivery.GetProperty("unexpected").GetInt64());
        Assert.Equal(300, run.Figures("steady", "steady.latency.count").GetInt64());
        Assert.Equal(30, run.Figures("steady", "steady.duePerSecond").GetArrayLength());
        Assert.Equal(1, run.Figures("steady", "steady.perMinute").GetArrayLength());
        // Measured from each notice's own due instant, nothing arrives before it.
        Assert.Equal(0, run.Figures("steady", "steady.beforeDue").GetInt64());
        var report = run.Markdown("steady");
        Assert.Contains("p99 ≤ 5 s: **", report, StringComparison.Ordinal);
        Assert.Contains("## Per minute: steady or growing?", report, StringComparison.Ordinal);
        Assert.Contains("every one of the 300 expected notices arrived exactly once", report, StringComparison.Ordinal);
        Assert.True(run.HasChart("steady"));
    }
}
