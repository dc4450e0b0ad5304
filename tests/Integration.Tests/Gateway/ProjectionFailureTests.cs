using ArScale.Contracts.Events;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>The projections on a real PostgreSQL: a bad row is isolated from its batch, a passing failure is retried.</summary>
public sealed class ProjectionFailureTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task A_change_postgres_refuses_goes_alone_to_the_error_queue_and_the_rest_of_its_batch_is_stored()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var good = Enumerable.Range(1, 5).Select(i => $"GOOD-{run}-{i}").ToList();
        var bad = $"BAD-{run}";

        // Published together so they land in one batch (50 ms window); a NUL is the one character PostgreSQL text cannot hold.
        await Task.WhenAll(good.Select(id => system.PublishAsync(Change(id, $"Customer {id}"))).Append(system.PublishAsync(Change(bad, "Anna\u0000Müller"))));

        var reason = await ErrorQueue.FirstMessageAsync(system, "account-summary-projection_error");
        Assert.Contains(bad, reason, StringComparison.Ordinal);
        Assert.Contains("0x00", reason, StringComparison.Ordinal);
        await Eventually(async () => await system.ScalarAsync("SELECT count(*) FROM account_summary WHERE account_id = ANY(@ids)", ("ids", good.ToArray())) == good.Count);
        Assert.Equal(0, await system.ScalarAsync("SELECT count(*) FROM account_summary WHERE account_id = @id", ("id", bad)));
    }

    [Fact]
    public async Task A_collector_task_is_stored_after_the_database_refused_it_for_a_while()
    {
        var taskId = $"TASK-{Guid.NewGuid():N}";
        await system.ExecuteAsync("ALTER TABLE collector_task RENAME TO collector_task_away");
        try
        {
            await system.PublishAsync(CollectorTask(taskId, "collector-review"));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await system.ExecuteAsync("ALTER TABLE collector_task_away RENAME TO collector_task");
        }

        await Eventually(async () => await system.ScalarAsync("SELECT count(*) FROM collector_task WHERE task_id = @id", ("id", taskId)) == 1);
        Assert.Equal(0, await system.Broker.MessagesInAsync("collector-task-projection_error"));
    }

    [Fact]
    public async Task A_collector_task_postgres_refuses_goes_to_the_error_queue_at_once_with_the_reason()
    {
        var taskId = $"TASK-{Guid.NewGuid():N}";

        await system.PublishAsync(CollectorTask(taskId, "collector\u0000review"));

        var reason = await ErrorQueue.FirstMessageAsync(system, "collector-task-projection_error", TimeSpan.FromSeconds(10));
        Assert.Contains("0x00", reason, StringComparison.Ordinal);
    }

    private static AccountChanged Change(string accountId, string name) => new(
        EventId: $"{accountId}:changed:1", AccountId: accountId, OccurredAt: DateTimeOffset.UtcNow, Version: 1, CustomerName: name,
        Segment: "standard", CollectorId: null, Balance: [new MoneyAmount("EUR", 10m)], Aging: [new AgingBucketAmount("current", "EUR", 10m)],
        Stage: null, MaxDaysPastDue: 0, NextActionAt: null, CreditScore: 700, DunningPaused: false);

    private static CollectorTaskCreated CollectorTask(string taskId, string stage) => new(
        EventId: $"{taskId}:created", AccountId: "ACC-task", OccurredAt: DateTimeOffset.UtcNow, TaskId: taskId, CollectorId: "collector-1",
        Stage: stage, InvoiceIds: ["INV-1"], AmountOverdue: [new MoneyAmount("EUR", 10m)], FollowUpBy: null, NotifyOnly: false);

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }
}
