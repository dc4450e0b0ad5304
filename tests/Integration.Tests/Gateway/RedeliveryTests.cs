using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// Every consumer whose work can fail for a passing reason outlives a retry round: the notice outcome in the silo,
/// and both projections in the Gateway. The failure is the real one of a table taken away for longer than a round
/// (rounds here are about a second), then given back.
/// </summary>
public sealed class RedeliveryTests(ShortRedeliverySystem system) : IClassFixture<ShortRedeliverySystem>
{
    /// <summary>Longer than a round, and for the outcome longer than the 17 s it was once retried for in all.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan LongOutage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_notice_outcome_is_recorded_after_the_account_storage_was_away_for_several_rounds()
    {
        var accountId = await system.CreateAccountAsync();
        var noticeId = $"{accountId}:due:INV-1:2026-12-01:email";

        await WhileAwayAsync("account_state", LongOutage, () => system.PublishAsync(new NoticeOutcome(
            $"{noticeId}:outcome:1", accountId, DateTimeOffset.UtcNow, noticeId, "email", NoticeOutcomeStatus.Sent, null, 1)));

        await Eventually(async () => (await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Contacts.Any(contact => contact.NoticeId == noticeId));
        Assert.Equal(0, await system.Broker.MessagesInAsync("notice-outcome_error"));
    }

    [Fact]
    public async Task A_collector_task_is_stored_after_its_table_was_away_for_several_rounds()
    {
        var taskId = $"TASK-{Guid.NewGuid():N}";

        await WhileAwayAsync("collector_task", Outage, () => system.PublishAsync(new CollectorTaskCreated(
            $"{taskId}:created", "ACC-task", DateTimeOffset.UtcNow, taskId, "collector-1", "collector-review", ["INV-1"], [new MoneyAmount("EUR", 10m)], null, false)));

        await Eventually(async () => await system.ScalarAsync("SELECT count(*) FROM collector_task WHERE task_id = @id", ("id", taskId)) == 1);
        Assert.Equal(0, await system.Broker.MessagesInAsync("collector-task-projection_error"));
    }

    [Fact]
    public async Task An_account_change_is_projected_after_the_summary_was_away_for_several_rounds()
    {
        var accountId = $"SUM-{Guid.NewGuid():N}"[..20];

        await WhileAwayAsync("account_summary", Outage, () => system.PublishAsync(new AccountChanged(
            $"{accountId}:changed:1", accountId, DateTimeOffset.UtcNow, 1, "Customer", "standard", null, [new MoneyAmount("EUR", 10m)],
            [new AgingBucketAmount("current", "EUR", 10m)], null, 0, null, 700, false)));

        await Eventually(async () => await system.ScalarAsync("SELECT count(*) FROM account_summary WHERE account_id = @id", ("id", accountId)) == 1);
        Assert.Equal(0, await system.Broker.MessagesInAsync("account-summary-projection_error"));
    }

    private async Task WhileAwayAsync(string table, TimeSpan outage, Func<Task> publish)
    {
        await system.ExecuteAsync($"ALTER TABLE {table} RENAME TO {table}_away");
        try
        {
            await publish();
            await Task.Delay(outage);
        }
        finally
        {
            await system.ExecuteAsync($"ALTER TABLE {table}_away RENAME TO {table}");
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }
}
