using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Notifier;
using ArScale.Load.Scenarios.Storm;
using Npgsql;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// What really happened in a storm, from four places, each read after the storm: the sink's receipts (one e-mail per
/// expected notice; a duplicate must carry the first one's Message-ID), <c>notice_log</c> (all Sent, nothing left
/// Sending or Retrying), the account grains' stored states once every grain is deactivated (outboxes empty, the notice
/// decided once, its Sent outcome recorded once) and the broker's <c>*_error</c> queues (empty). For silo faults also
/// the reminders (every account keeps one) and membership (the killed silo marked dead).
/// </summary>
public sealed record StormGroundTruth(
    DeliveryCheck Delivery,
    long DuplicatesWithAnotherMessageId,
    IReadOnlyDictionary<string, long> Statuses,
    long StoredAccounts,
    long OutboxesNotEmpty,
    long NotDecidedOnce,
    long SentNotRecordedOnce,
    IReadOnlyDictionary<string, long> ErrorQueues,
    long AccountsWithReminder,
    IReadOnlyDictionary<string, int> MembershipStatus)
{
    /// <summary>The run's e-mails at the sink, for a fault that judges them its own way (not in the report's figures).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Mail.SmtpSink.SinkReceipt> Receipts { get; init; } = [];

    /// <summary>Orleans' <c>SiloStatus.Dead</c> as the membership table stores it.</summary>
    public const int DeadStatus = 6;

    private static readonly TimeSpan OutcomeWait = TimeSpan.FromSeconds(120);

    public long Sent => Statuses.GetValueOrDefault("Sent");

    public long Failed => Statuses.GetValueOrDefault("Failed");

    public long Unfinished => Statuses.GetValueOrDefault("Sending") + Statuses.GetValueOrDefault("Retrying");

    public long ErrorMessages => ErrorQueues.Values.Sum();

    public static async Task<StormGroundTruth> ReadAsync(
        RunSystem system, IMailSink sink, IGrainFactory grains, StormAccounts accounts, StormInstant instant, CancellationToken cancellationToken)
    {
        var receipts = (await sink.ReceiptsAsync(cancellationToken)).Where(receipt => accounts.Owns(sink, receipt)).ToList();
        var delivery = DeliveryCheck.Of(accounts.ExpectedNotices(instant), receipts.Select(receipt => receipt.NoticeId));
        var otherMessageId = receipts.Where(receipt => receipt.NoticeId is not null).GroupBy(receipt => receipt.NoticeId!, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Sum(group => (long)group.Select(receipt => receipt.MessageId).Distinct(StringComparer.Ordinal).Count() - 1);

        await using var log = new NoticeLogQueries(system.Database.ConnectionString);
        var statuses = await log.StatusCountsAsync(cancellationToken);
        await using var database = NpgsqlDataSource.Create(system.Database.ConnectionString);

        // The Sent outcome reaches the account through the bus after the e-mail: give it time, then flush every
        // grain's memory to storage (a trimmed outbox is written on deactivation) and read what is stored.
        var deadline = DateTimeOffset.UtcNow + OutcomeWait;
        while (DateTimeOffset.UtcNow < deadline && (await StatesAsync(database, system.Settings.ClusterId, accounts.IdPrefix, cancellationToken)).SentRecordedOnce < statuses.GetValueOrDefault("Sent"))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        await StormAccounts.DeactivateAllAsync(grains, _ => { }, TimeSpan.FromMinutes(10), cancellationToken);
        var states = await StatesAsync(database, system.Settings.ClusterId, accounts.IdPrefix, cancellationToken);

        // The management API refreshes its counts every 5 s.
        await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
        var errorQueues = await system.Rabbit.ErrorQueuesAsync(system.VirtualHost, cancellationToken);
        var reminders = await ScalarAsync(database, "SELECT count(DISTINCT grain_id) FROM orleans_reminder WHERE service_id = @cluster", system.Settings.ClusterId, cancellationToken);
        var membership = await MembershipAsync(database, system.Settings.ClusterId, cancellationToken);
        return new StormGroundTruth(
            delivery, otherMessageId, statuses, states.Stored, states.OutboxesNotEmpty, states.Stored - states.DecidedOnce,
            states.Stored - states.SentRecordedOnce, errorQueues, reminders, membership)
        {
            Receipts = receipts,
        };
    }

    /// <summary>The checks that hold for every storm fault, each a sentence when it fails.</summary>
    public IReadOnlyList<string> Failures(int accounts, long allowedDuplicates)
    {
        var failures = new List<string>();
        if (Delivery.Lost > 0 || Delivery.Unexpected > 0)
        {
            failures.Add(Delivery.Describe());
        }

        if (Delivery.Duplicates > allowedDuplicates)
        {
            failures.Add(Invariant($"{Delivery.Duplicates} duplicate e-mail(s), {allowedDuplicates} allowed"));
        }

        if (DuplicatesWithAnotherMessageId > 0)
        {
            failures.Add(Invariant($"{DuplicatesWithAnotherMessageId} duplicate(s) with another Message-ID"));
        }

        if (Sent != accounts || Unfinished > 0)
        {
            failures.Add(Invariant($"notice_log: {string.Join(", ", Statuses.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Key} {entry.Value}"))} (of {accounts} owed)"));
        }

        if (StoredAccounts != accounts)
        {
            failures.Add(Invariant($"{StoredAccounts} stored account states of {accounts}"));
        }

        if (OutboxesNotEmpty > 0)
        {
            failures.Add(Invariant($"{OutboxesNotEmpty} account(s) with events left in the outbox"));
        }

        if (NotDecidedOnce > 0)
        {
            failures.Add(Invariant($"{NotDecidedOnce} account(s) whose due notice was not decided exactly once"));
        }

        if (SentNotRecordedOnce > 0)
        {
            failures.Add(Invariant($"{SentNotRecordedOnce} account(s) whose Sent outcome was not recorded exactly once"));
        }

        if (ErrorMessages > 0)
        {
            failures.Add("error queues: " + string.Join(", ", ErrorQueues.Where(entry => entry.Value > 0).Select(entry => $"{entry.Key} {entry.Value}")));
        }

        return failures;
    }

    private static async Task<(long Stored, long OutboxesNotEmpty, long DecidedOnce, long SentRecordedOnce)> StatesAsync(
        NpgsqlDataSource database, string serviceId, string accountPrefix, CancellationToken cancellationToken)
    {
        // The stored state is the domain's own JSON (camelCase, enums kebab-case): outbox, account.notices, account.contacts.
        // A Sent contact is recorded in notice_log alone (ContactHistory); one the account holds too would be a second record.
        await using var command = database.CreateCommand("""
            WITH state AS (
                SELECT j, (SELECT count(*) FROM jsonb_array_elements(coalesce(j->'account'->'contacts', '[]'::jsonb)) c WHERE c->>'outcome' = 'sent') AS sent_in_state
                  FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS j FROM account_state WHERE service_id = @service AND payload IS NOT NULL) stored)
            SELECT count(*),
                   count(*) FILTER (WHERE jsonb_array_length(coalesce(j->'outbox', '[]'::jsonb)) > 0),
                   count(*) FILTER (WHERE (SELECT count(*) FROM jsonb_array_elements(coalesce(j->'account'->'notices', '[]'::jsonb)) n WHERE n->>'stage' = 'due') = 1),
                   count(*) FILTER (WHERE sent_in_state = 0 AND (SELECT count(*) FROM notice_log l
                                                                 WHERE l.account_id = j->'account'->>'accountId' AND l.kind = 'dunning' AND l.status = 'Sent') = 1)
              FROM state
             WHERE j->'account'->>'accountId' LIKE @prefix
            """);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("prefix", accountPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Each silo's latest status by name (a restarted silo's newest generation).</summary>
    private static async Task<IReadOnlyDictionary<string, int>> MembershipAsync(NpgsqlDataSource database, string clusterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT silo_name, generation, status FROM orleans_membership WHERE deployment_id = @cluster ORDER BY silo_name, generation");
        command.Parameters.AddWithValue("cluster", clusterId);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[Invariant($"{reader.GetString(0)}#{reader.GetInt32(1)}")] = reader.GetInt32(2);
        }

        return statuses;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, string clusterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("cluster", clusterId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
