using ArScale.Notifier.Notices;
using ArScale.ServiceDefaults.Batching;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Notifier.Log;

/// <summary>
/// The <c>notice_log</c> table: the claim that makes sending exactly-once per notice id, the outcome record, and the
/// durable retry of notices the channel could not take (a parked row keeps the message it came in).
/// </summary>
public sealed partial class NoticeLog
{
    private readonly NpgsqlDataSource database;

    /// <summary>The Orleans service whose accounts' versions a claim reads (<c>account_state.service_id</c>); null reads none.</summary>
    private readonly string? accountServiceId;

    public NoticeLog(NpgsqlDataSource database, CoalescerOptions? batching = null, string? accountServiceId = null)
    {
        this.database = database;
        this.accountServiceId = accountServiceId;
        batching ??= new CoalescerOptions();
        claims = new Coalescer<ClaimRequest, Claim>(ClaimBatchAsync, claim => claim.Notice.NoticeId, batching);
        completions = new Coalescer<Completion, DateTimeOffset?>(CompleteBatchAsync, completion => completion.NoticeId, batching);
    }

    private const string RetryLaterSql = """
        UPDATE notice_log
           SET status = 'Retrying', detail = @detail, claimed_until = NULL, next_attempt_at = now() + @pause,
               payload_type = @payload_type, payload = @payload
         WHERE notice_id = @notice_id AND status = 'Sending' AND worker = @worker
        """;

    // Oldest first, so that once the channel is back the notices go out in the order they were decided. A Sending row
    // with a stored message and a passed lease was claimed here by a worker that died: no broker delivery will bring
    // it back (the message was acknowledged when it was parked), so the pump takes it over.
    private const string ClaimDueSql = """
        UPDATE notice_log AS log
           SET status = 'Sending', attempts = log.attempts + 1, last_attempt_at = now(), worker = @worker,
               claimed_until = now() + @lease, retry_until = coalesce(log.retry_until, now() + @deadline)
          FROM (SELECT notice_id FROM notice_log
                 WHERE payload IS NOT NULL
                   AND ((status = 'Retrying' AND next_attempt_at <= now()) OR (status = 'Sending' AND claimed_until < now()))
                 ORDER BY emitted_at
                 LIMIT @limit
                 FOR UPDATE SKIP LOCKED) AS due
         WHERE log.notice_id = due.notice_id
        RETURNING log.notice_id, log.attempts, log.retry_until, log.emitted_at, log.payload_type, log.payload::text
        """;

    private const string ReleaseSql = """
        UPDATE notice_log
           SET status = 'Retrying', attempts = attempts - 1, claimed_until = NULL, next_attempt_at = @next_attempt_at
         WHERE notice_id = ANY(@notice_ids) AND status = 'Sending' AND worker = @worker
        """;

    /// <summary>
    /// Parks the notice after a transient failure: the claim is given back, the message it came in is stored, and
    /// the retry pump of any Notifier takes it again after <paramref name="pause"/>.
    /// </summary>
    public async Task RetryLaterAsync(OutgoingNotice notice, string worker, string detail, TimeSpan pause, CancellationToken cancellationToken)
    {
        var (type, payload) = NoticeSources.Serialize(notice.Source);
        await using var command = database.CreateCommand(RetryLaterSql);
        command.Parameters.AddWithValue("notice_id", notice.NoticeId);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("detail", detail);
        command.Parameters.AddWithValue("pause", NpgsqlDbType.Interval, pause);
        command.Parameters.AddWithValue("payload_type", type);
        command.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Claims up to <paramref name="limit"/> parked notices that are due again, oldest first.</summary>
    public async Task<IReadOnlyList<ParkedNotice>> ClaimDueAsync(string worker, TimeSpan lease, TimeSpan deadline, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ClaimDueSql);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
        command.Parameters.AddWithValue("deadline", NpgsqlDbType.Interval, deadline);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<ParkedNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new ParkedNotice(
                reader.GetString(0), new Claim.Granted(reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5)));
        }

        return [.. due.OrderBy(notice => notice.EmittedAt)];
    }

    /// <summary>Gives back claimed notices that were not tried (the channel failed on an earlier one), uncounted, due again at <paramref name="nextAttemptAt"/>.</summary>
    public async Task ReleaseAsync(IReadOnlyList<string> noticeIds, string worker, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        if (noticeIds.Count == 0)
        {
            return;
        }

        await using var command = database.CreateCommand(ReleaseSql);
        command.Parameters.AddWithValue("notice_ids", noticeIds.ToArray());
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("next_attempt_at", nextAttemptAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The customer notices of an account logged Sent: the contacts its own history no longer holds (they are recorded here only).</summary>
    public async Task<IReadOnlyList<string>> SentContactsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT notice_id FROM notice_log WHERE account_id = @account AND status = 'Sent' AND kind IN ('dunning', 'statement')");
        command.Parameters.AddWithValue("account", accountId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public static string KindName(NoticeKind kind) => kind switch
    {
        NoticeKind.Dunning => "dunning",
        NoticeKind.Statement => "statement",
        NoticeKind.CollectorTask => "collector-task",
        _ => "legal-escalation",
    };
}

/// <summary>A notice the retry pump claimed: the message it came in, as stored when it was parked.</summary>
public sealed record ParkedNotice(string NoticeId, Claim.Granted Claim, DateTimeOffset EmittedAt, string PayloadType, string Payload);
