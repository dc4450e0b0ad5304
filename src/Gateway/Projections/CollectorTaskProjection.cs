using System.Text.Json;
using ArScale.Contracts.Events;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Projections;

/// <summary>Keeps every collector task with its follow-up deadline, for the collectors' work queues; the task id makes a redelivery harmless.</summary>
public sealed class CollectorTaskProjection(NpgsqlDataSource database) : IConsumer<CollectorTaskCreated>
{
    public async Task Consume(ConsumeContext<CollectorTaskCreated> context)
    {
        var task = context.Message;
        await using var command = database.CreateCommand("""
            INSERT INTO collector_task (task_id, account_id, collector_id, stage, invoice_ids, amount_overdue, follow_up_by, notify_only, created_at)
            VALUES (@task_id, @account_id, @collector_id, @stage, @invoice_ids, @amount, @follow_up_by, @notify_only, @created_at)
            ON CONFLICT (task_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("task_id", task.TaskId);
        command.Parameters.AddWithValue("account_id", task.AccountId);
        command.Parameters.AddWithValue("collector_id", (object?)task.CollectorId ?? DBNull.Value);
        command.Parameters.AddWithValue("stage", task.Stage);
        command.Parameters.AddWithValue("invoice_ids", (task.InvoiceIds ?? []).ToArray());
        command.Parameters.AddWithValue("amount", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(task.AmountOverdue ?? []));
        command.Parameters.AddWithValue("follow_up_by", NpgsqlDbType.Date, (object?)task.FollowUpBy ?? DBNull.Value);
        command.Parameters.AddWithValue("notify_only", task.NotifyOnly);
        command.Parameters.AddWithValue("created_at", task.OccurredAt);
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }
}

/// <summary>
/// The database away or slow is retried with backoff (10 tries over about 2.5 minutes, as the account summary does);
/// a row PostgreSQL refuses for what it holds goes to the error queue at once, with the reason.
/// </summary>
public sealed class CollectorTaskProjectionDefinition : ConsumerDefinition<CollectorTaskProjection>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CollectorTaskProjection> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<PostgresException>(BadRows.IsBadRow);
            retry.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
}
