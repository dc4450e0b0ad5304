using ArScale.Load.Scenarios;
using ArScale.Load.Scenarios.Baseline;

namespace ArScale.Load.Tests.Scenarios;

/// <summary>
/// Each scenario's small default runs to the end on the real components (the load profile, started here if it is
/// not running) and its checks hold: every message or notice arrived exactly once. Figures from a Debug build on a
/// busy test machine prove nothing about speed, so none is asserted.
/// </summary>
[Collection(LoadProfileCollection.Name)]
public sealed class ScenarioSmallDefaultTests
{
    [Fact]
    public async Task The_sink_scenario_floods_both_sinks_and_each_accepts_every_message()
    {
        using var run = await ScenarioRun.StartAsync(new SinkCeiling());

        Assert.Equal(0, run.ExitCode);
        var checks = run.Figures("sink", "checks").EnumerateArray().ToList();
        Assert.Equal(["dotnet", "aiosmtpd"], checks.Select(check => check.GetProperty("sink").GetString()));
        Assert.All(checks, check => Assert.Equal(check.GetProperty("sent").GetInt64(), check.GetProperty("stored").GetInt64()));
        Assert.All(checks, check => Assert.True(check.GetProperty("sent").GetInt64() > 0));
        Assert.True(run.HasChart("sink"));
    }

    [Fact]
    public async Task The_notifier_scenario_sends_every_queued_notice_exactly_once()
    {
        using var run = await ScenarioRun.StartAsync(new NotifierThroughput());

        Assert.Equal(0, run.ExitCode);
        var result = run.Figures("notifier", "runs").EnumerateArray().Single();
        Assert.Equal(500, result.GetProperty("sent").GetInt64());
        AssertDeliveredOnce(result.GetProperty("delivery"), 500);
    }

    [Fact]
    public async Task The_storm_scenario_delivers_each_notice_due_at_T0_exactly_once()
    {
        using var run = await ScenarioRun.StartAsync(new ReminderStorm());

        Assert.Equal(0, run.ExitCode);
        AssertDeliveredOnce(run.Figures("storm", "storms.0.figures.delivery"), 200);
        Assert.Contains("every one of the 200 expected notices arrived exactly once", run.Markdown("storm"), StringComparison.Ordinal);
        Assert.Contains("Debug build", run.Markdown("storm"), StringComparison.Ordinal);
        Assert.True(run.HasChart("storm"));
    }

    [Fact]
    public async Task The_baseline_scenario_runs_the_storm_on_ArScale_then_on_the_naive_and_the_tuned_Hangfire_baseline_and_reports_both_ratios()
    {
        using var run = await ScenarioRun.StartAsync(new HangfireBaseline());

        Assert.Equal(0, run.ExitCode);
        AssertDeliveredOnce(run.Figures("baseline", "arscale.figures.delivery"), 100);
        AssertDeliveredOnce(run.Figures("baseline", "naive.figures.delivery"), 100);
        AssertDeliveredOnce(run.Figures("baseline", "tuned.0.figures.delivery"), 100);

        // The naive variant connects once per reminder on Hangfire's default workers; the tuned one reuses its pool.
        Assert.Equal(Math.Min(Environment.ProcessorCount * 5, 20), run.Figures("baseline", "naive.variant.workers").GetInt32());
        Assert.True(run.Figures("baseline", "naive.counts.smtpConnections").GetInt64() >= 100);
        Assert.Equal("Pooled", run.Figures("baseline", "tuned.0.variant.mailer").GetString());
        Assert.Equal(BaselineSettings.DefaultTunedWorkers, run.Figures("baseline", "tuned.0.variant.workers").GetInt32());
        Assert.InRange(run.Figures("baseline", "tuned.0.counts.smtpConnections").GetInt64(), 1, BaselineSettings.DefaultTunedPool);

        Assert.True(run.Figures("baseline", "ratio.naive").GetDouble() > 0);
        Assert.True(run.Figures("baseline", "ratio.tuned").GetDouble() > 0);
        var report = run.Markdown("baseline");
        Assert.Contains("Ratio ArScale / naive baseline", report, StringComparison.Ordinal);
        Assert.Contains("ratio ArScale / tuned baseline", report, StringComparison.Ordinal);
        Assert.Contains("× the tuned baseline: **", report, StringComparison.Ordinal);
        Assert.True(run.HasChart("baseline"));
    }

    [Fact]
    public async Task The_ingest_scenario_has_every_invoice_accepted_once_and_in_the_sales_ledger()
    {
        using var run = await ScenarioRun.StartAsync(new IngestThroughput());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(10_000, run.Figures("ingest", "accepted").GetInt32());
        Assert.Equal(10_000, run.Figures("ingest", "inSalesLedger").GetInt64());
        Assert.Equal(0, run.Figures("ingest", "rejected").GetInt32());
        Assert.True(run.Figures("ingest", "batchLatency.p99").GetDouble() > 0);
        Assert.True(run.HasChart("ingest"));
    }

    [Fact]
    public async Task The_scale_scenario_stores_every_account_with_its_pending_reminder_then_delivers_a_storm_on_a_slice_of_them()
    {
        using var run = await ScenarioRun.StartAsync(new ScaleHolding());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2_000, run.Figures("scale", "pendingReminders").GetInt64());
        Assert.True(run.Figures("scale", "residentAfterCreation").GetInt64() > 0);
        Assert.Equal(2_000, run.Figures("scale", "rangeRead.rows").GetInt64());
        Assert.True(run.HasChart("scale"));

        // The rest window is skipped by default: every account was still in memory before the slice's set-up.
        Assert.Equal(2_000, run.Figures("scale", "slice.inMemoryBefore").GetInt32());
        AssertDeliveredOnce(run.Figures("scale", "slice.storm.figures.delivery"), 100);
        Assert.Equal(100, run.Figures("scale", "slice.storm.sent").GetInt64());
        var report = run.Markdown("scale");
        Assert.Contains("## Storm on a slice", report, StringComparison.Ordinal);
        Assert.Contains("every one of the 100 expected notices arrived exactly once", report, StringComparison.Ordinal);
        Assert.Contains("## Storm on a slice: where the time goes", report, StringComparison.Ordinal);
    }

    private static void AssertDeliveredOnce(System.Text.Json.JsonElement delivery, long expected)
    {
        Assert.Equal(expected, delivery.GetProperty("expected").GetInt64());
        Assert.Equal(expected, delivery.GetProperty("distinct").GetInt64());
        Assert.Equal(0, delivery.GetProperty("lost").GetInt64());
        Assert.Equal(0, delivery.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, delivery.GetProperty("unexpected").GetInt64());
    }
}
