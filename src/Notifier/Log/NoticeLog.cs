using ArScale.Notifier.Notices;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Notifier.Log;

/// <summary>
/// The <c>notice_log</c> table: the claim that makes sending exactly-once per notice id, the outcome record, and the
/// durable retry of notices the channel could not take (a parked row keeps the message it came in).
/// </summary>
public sealed class NoticeLog(NpgsqlDataSource database)
{
    // retry_until is set once, at the first claim (or again after an operator re-opened the notice): the deadline runs
    // from the first attempt, whichever worker makes the later ones.
    private const string ClaimSql = """
        INSERT INTO notice_log AS log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                       status, attempts, emitted_at, first_attempt_at, last_attempt_at, worker, claimed_until, retry_until)
        VALUES (@notice_id, @kind, @account_id, @invoice_ids, @stage, @template_key, @channel, @locale, @recipient,
                'Sending', 1, @emitted_at, now(), now(), @worker, now() + @lease, now() + @deadline)
        ON CONFLICT (notice_id) DO UPDATE
           SET status = 'Sending', attempts = log.attempts + 1, last_attempt_at = now(),
               worker = excluded.worker, claimed_until = excluded.claimed_until,
               retry_until = coalesce(log.retry_until, excluded.retry_until)
         WHERE log.status = 'Retrying' OR (log.status = 'Sending' AND log.claimed_until < now())
        RETURNING attempts, retry_until
        """;

    private const string StatusSql = "SELECT status, attempts, detail, worker, claimed_until, completed_at FROM notice_log WHERE notice_id = @notice_id";

    private const string CompleteSql = """
        UPDATE notice_log
           SET status = @status, detail = @detail, message_id = coalesce(@message_id, message_id),
               completed_at = now(), last_attempt_at = now(), claimed_until = NULL, next_attempt_at = NULL
         WHERE notice_id = @notice_id AND status = 'Sending' AND worker = @worker
        RETURNING completed_at
        """;

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

    public async Task<Claim> ClaimAsync(OutgoingNotice notice, string worker, TimeSpan lease, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand(ClaimSql, connection))
        {
            claim.Parameters.AddWithValue("notice_id", notice.NoticeId);
            claim.Parameters.AddWithValue("kind", KindName(notice.Kind));
            claim.Parameters.AddWithValue("account_id", notice.AccountId);
            claim.Parameters.AddWithValue("invoice_ids", notice.InvoiceIds.ToArray());
            claim.Parameters.AddWithValue("stage", notice.Stage ?? "");
            claim.Parameters.AddWithValue("template_key", notice.TemplateKey ?? "");
            claim.Parameters.AddWithValue("channel", notice.Channel);
            claim.Parameters.AddWithValue("locale", notice.Locale ?? "");
            claim.Parameters.AddWithValue("recipient", string.Join(", ", notice.Recipients));
            claim.Parameters.AddWithValue("emitted_at", notice.OccurredAt);
            claim.Parameters.AddWithValue("worker", worker);
            claim.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
            claim.Parameters.AddWithValue("deadline", NpgsqlDbType.Interval, deadline);
            await using var granted = await claim.ExecuteReaderAsync(cancellationToken);
            if (await granted.ReadAsync(cancellationToken))
            {
                return new Claim.Granted(granted.GetInt32(0), granted.GetFieldValue<DateTimeOffset>(1));
            }
        }

        await using var status = new NpgsqlCommand(StatusSql, connection);
        status.Parameters.AddWithValue("notice_id", notice.NoticeId);
        await using var reader = await status.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Vanishingly rare (the row was deleted between the two statements): claim it afresh at once.
            return new Claim.HeldElsewhere(null, null);
        }

        var current = Enum.Parse<NoticeStatus>(reader.GetString(0));
        return current is NoticeStatus.Sending or NoticeStatus.Retrying
            ? new Claim.HeldElsewhere(reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4))
            : new Claim.AlreadyFinal(current, reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>Records a final outcome and returns when (the database's clock); null when this worker no longer held the claim (its lease ran out and another took over).</summary>
    public async Task<DateTimeOffset?> CompleteAsync(string noticeId, string worker, NoticeStatus status, string? detail, string? messageId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(CompleteSql);
        command.Parameters.AddWithValue("notice_id", noticeId);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("status", status.ToString());
        command.Parameters.AddWithValue("detail", (object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue("message_id", NpgsqlDbType.Text, (object?)messageId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

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
