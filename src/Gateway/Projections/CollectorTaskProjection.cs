using System.Text.Json;
using ArScale.Contracts.Events;
using ArScale.Messaging.Redelivery;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Projections;

/// <summary>Keeps every collector task with its follow-up deadline, for the collectors' work queues; the task id makes a redelivery harmless.</summary>
public sealed class CollectorTaskProjection(NpgsqlDataSource database, Redelivery redelivery) : IConsumer<CollectorTaskCreated>
{
    public Task Consume(ConsumeContext<CollectorTaskCreated> context) => redelivery.ApplyAsync(context, async () =>
    {
        try
        {
            await InsertAsync(context.Message, context.CancellationToken);
        }
        catch (PostgresException exception) when (BadRows.IsBadRow(exception))
        {
            throw new MessageRefusedException($"PostgreSQL refused task {context.Message.TaskId}: {exception.Message}", exception);
        }
    });

    private async Task InsertAsync(CollectorTaskCreated task, CancellationToken cancellationToken)
    {
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
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The database away or slow is retried in rounds until the redelivery deadline (<see cref="Redelivery"/>); a row
/// PostgreSQL refuses for what it holds goes to the error queue at once, with the reason.
/// </summary>
public sealed class CollectorTaskProjectionDefinition : ConsumerDefinition<CollectorTaskProjection>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CollectorTaskProjection> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseRedeliveryRounds(context);
}
