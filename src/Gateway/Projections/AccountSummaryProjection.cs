using ArScale.Contracts.Events;
using ArScale.Messaging.Redelivery;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Projections;

/// <summary>
/// Keeps one summary row (and its balances by currency and aging bucket) per account from AccountChanged,
/// a batch at a time. The version guard makes it idempotent and order-proof: an older or repeated event never
/// overwrites a newer row. A batch PostgreSQL refuses for a bad row is written again account by account, so the
/// good rows are stored and the bad message alone goes to the error queue (<see cref="BadRows"/>); any other
/// failure fails the batch, to be retried whole in rounds (<see cref="Redelivery"/>).
/// </summary>
public sealed class AccountSummaryProjection(NpgsqlDataSource database, Redelivery redelivery) : IConsumer<Batch<AccountChanged>>
{
    private const string UpsertSummaries = """
        INSERT INTO account_summary AS s (account_id, version, customer_name, segment, collector_id, stage, max_days_past_due,
                                          next_action_at, credit_score, dunning_paused, changed_at)
        SELECT * FROM unnest(@account_ids, @versions, @names, @segments, @collectors, @stages, @days, @next_actions, @scores, @paused, @changed)
        ON CONFLICT (account_id) DO UPDATE
           SET version = excluded.version, customer_name = excluded.customer_name, segment = excluded.segment,
               collector_id = excluded.collector_id, stage = excluded.stage, max_days_past_due = excluded.max_days_past_due,
               next_action_at = excluded.next_action_at, credit_score = excluded.credit_score,
               dunning_paused = excluded.dunning_paused, changed_at = excluded.changed_at
         WHERE s.version < excluded.version
        RETURNING account_id
        """;

    private const string InsertBalances = """
        INSERT INTO account_balance (account_id, currency, balance, current, days_1_30, days_31_60, days_61_90, days_90_up)
        SELECT * FROM unnest(@account_ids, @currencies, @balances, @current, @d1, @d31, @d61, @d90)
        """;

    public Task Consume(ConsumeContext<Batch<AccountChanged>> context) => redelivery.ApplyAsync(context, () => ProjectAsync(context));

    private async Task ProjectAsync(ConsumeContext<Batch<AccountChanged>> context)
    {
        // Within one batch only the newest version of each account matters.
        var latest = context.Message
            .GroupBy(message => message.Message.AccountId, StringComparer.Ordinal)
            .Select(group => group.MaxBy(message => message.Message.Version)!)
            .ToList();

        try
        {
            await WriteAsync([.. latest.Select(message => message.Message)], context.CancellationToken);
        }

        catch (Exception exception) when (BadRows.IsBadRow(exception))
        {
            foreach (var message in latest)
            {
                try
                {
                    await WriteAsync([message.Message], context.CancellationToken);
                }
                catch (Exception badRow) when (BadRows.IsBadRow(badRow))
                {
                    await BadRows.MoveToErrorQueueAsync(message, badRow);
                }
            }
        }
    }

    private async Task WriteAsync(List<AccountChanged> latest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await UpsertAsync(connection, transaction, latest, cancellationToken);
        if (updated.Count > 0)
        {
            await using (var delete = new NpgsqlCommand("DELETE FROM account_balance WHERE account_id = ANY(@account_ids)", connection, transaction))
            {
                delete.Parameters.AddWithValue("account_ids", updated.ToArray());
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await InsertBalancesAsync(connection, transaction, latest.Where(change => updated.Contains(change.AccountId)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<AccountChanged> changes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UpsertSummaries, connection, transaction);
        command.Parameters.AddWithValue("account_ids", changes.Select(c => c.AccountId).ToArray());
        command.Parameters.AddWithValue("versions", changes.Select(c => c.Version).ToArray());
        command.Parameters.AddWithValue("names", changes.Select(c => c.CustomerName).ToArray());
        command.Parameters.AddWithValue("segments", changes.Select(c => c.Segment).ToArray());
        command.Parameters.AddWithValue("collectors", NpgsqlDbType.Array | NpgsqlDbType.Text, changes.Select(c => c.CollectorId).ToArray());
        command.Parameters.AddWithValue("stages", NpgsqlDbType.Array | NpgsqlDbType.Text, changes.Select(c => c.Stage).ToArray());
        command.Parameters.AddWithValue("days", changes.Select(c => c.MaxDaysPastDue).ToArray());
        command.Parameters.AddWithValue("next_actions", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, changes.Select(c => c.NextActionAt?.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("scores", changes.Select(c => c.CreditScore).ToArray());
        command.Parameters.AddWithValue("paused", changes.Select(c => c.DunningPaused).ToArray());
        command.Parameters.AddWithValue("changed", changes.Select(c => c.OccurredAt.ToUniversalTime()).ToArray());
        var updated = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            updated.Add(reader.GetString(0));
        }

        return updated;
    }

    private static async Task InsertBalancesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<AccountChanged> changes, CancellationToken cancellationToken)
    {
        var rows = changes.SelectMany(change => change.Balance.Select(balance =>
        {
            decimal Bucket(string bucket) => change.Aging.Where(a => a.Currency == balance.Currency && a.Bucket == bucket).Sum(a => a.Amount);
            return (change.AccountId, balance.Currency, balance.Amount, Current: Bucket("current"), D1: Bucket("1-30"), D31: Bucket("31-60"), D61: Bucket("61-90"), D90: Bucket("90+"));
        })).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(InsertBalances, connection, transaction);
        command.Parameters.AddWithValue("account_ids", rows.Select(r => r.AccountId).ToArray());
        command.Parameters.AddWithValue("currencies", rows.Select(r => r.Currency).ToArray());
        command.Parameters.AddWithValue("balances", rows.Select(r => r.Amount).ToArray());
        command.Parameters.AddWithValue("current", rows.Select(r => r.Current).ToArray());
        command.Parameters.AddWithValue("d1", rows.Select(r => r.D1).ToArray());
        command.Parameters.AddWithValue("d31", rows.Select(r => r.D31).ToArray());
        command.Parameters.AddWithValue("d61", rows.Select(r => r.D61).ToArray());
        command.Parameters.AddWithValue("d90", rows.Select(r => r.D90).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Batches of up to 500 changes, or whatever arrived within 50 ms: one transaction each instead of one per change.</summary>
public sealed class AccountSummaryProjectionDefinition : ConsumerDefinition<AccountSummaryProjection>
{
    public AccountSummaryProjectionDefinition() => Endpoint(endpoint => endpoint.PrefetchCount = 1000);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AccountSummaryProjection> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(500).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(1));
        // Bad rows never reach the retry: the projection moves each to the error queue itself.
        consumerConfigurator.UseRedeliveryRounds(context);
    }
}
