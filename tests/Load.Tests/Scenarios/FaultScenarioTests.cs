using ArScale.Load.Scenarios;

namespace ArScale.Load.Tests.Scenarios;

/// <summary>
/// The small version of every fault (50 accounts, a 10 s spread, outages of 5 s; 2,000 invoices) on the real processes:
/// the fault hits mid-storm or mid-ingest and the ground truth holds afterwards. A fault that loses, doubles or fails a notice, leaves
/// an outbox or an error queue behind, fails this test.
/// </summary>
[Collection(LoadProfileCollection.Name)]
public sealed class FaultScenarioTests
{
    [Theory]
    [InlineData("smtp-down")]
    [InlineData("smtp-silent")]
    [InlineData("notifier-kill")]
    [InlineData("silo-kill")]
    [InlineData("silo-kill-restart")]
    [InlineData("broker-stop")]
    [InlineData("broker-hang")]
    [InlineData("paid-in-flight")]
    [InlineData("db-restart")]
    [InlineData("db-restart-immediate")]
    [InlineData("idempotency-race")]
    [InlineData("bad-input")]
    [InlineData("auth-matrix")]
    public async Task A_fault_loses_doubles_and_fails_nothing(string fault)
    {
        // A tick lost with a dead silo comes back one reminder period later: the shortest Orleans allows keeps the test short.
        using var run = await ScenarioRun.StartAsync(new FaultInjection(), "--fault", fault, "--reminder-period", "60");

        var row = run.Figures("faults", "rows").EnumerateArray().Single();
        Assert.True(run.ExitCode == 0, $"{fault}: {string.Join("; ", row.GetProperty("failures").EnumerateArray().Select(failure => failure.GetString()))}");
        Assert.Equal(fault, row.GetProperty("fault").GetString());
        Assert.Equal(0, row.GetProperty("lost").GetInt64());
        Assert.Equal(0, row.GetProperty("failed").GetInt64());
        Assert.True(row.GetProperty("duplicated").GetInt64() <= row.GetProperty("allowedDuplicates").GetInt64());
        Assert.True(row.GetProperty("loadHeld").GetInt64() > 0, "the fault hit before or after the storm, not in it");
        Assert.Contains("**pass**", run.Markdown("faults"), StringComparison.Ordinal);
        Assert.True(run.HasChart("faults"));
    }
}
