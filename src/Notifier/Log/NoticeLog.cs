using ArScale.Notifier.Notices;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Notifier.Log;

/// <summary>The <c>notice_log</c> table: the claim that makes sending exactly-once per notice id, and the outcome record.</summary>
public sealed class NoticeLog(NpgsqlDataSource database)
{
    private const string ClaimSql = """
        INSERT INTO notice_log AS log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                       status, attempts, emitted_at, first_attempt_at, last_attempt_at, worker, claimed_until)
        VALUES (@notice_id, @kind, @account_id, @invoice_ids, @stage, @template_key, @channel, @locale, @recipient,
                'Sending', 1, @emitted_at, now(), now(), @worker, now() + @lease)
        ON CONFLICT (notice_id) DO UPDATE
           SET status = 'Sending', attempts = log.attempts + 1, last_attempt_at = now(),
               worker = excluded.worker, claimed_until = excluded.claimed_until
         WHERE log.status = 'Retrying' OR (log.status = 'Sending' AND log.claimed_until < now())
        RETURNING attempts
        """;

    private const string StatusSql = "SELECT status, attempts, detail, worker, claimed_until FROM notice_log WHERE notice_id = @notice_id";

    private const string CompleteSql = """
        UPDATE notice_log
           SET status = @status, detail = @detail, message_id = coalesce(@message_id, message_id),
               completed_at = now(), last_attempt_at = now(), claimed_until = NULL
         WHERE notice_id = @notice_id AND status = 'Sending' AND worker = @worker
        """;

    private const string RetryLaterSql = """
        UPDATE notice_log SET status = 'Retrying', detail = @detail, claimed_until = NULL
         WHERE notice_id = @notice_id AND status = 'Sending' AND worker = @worker
        """;

    public async Task<Claim> ClaimAsync(OutgoingNotice notice, string worker, TimeSpan lease, CancellationToken cancellationToken)
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
            if (await claim.ExecuteScalarAsync(cancellationToken) is int attempt)
            {
                return new Claim.Granted(attempt);
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
            : new Claim.AlreadyFinal(current, reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Records a final outcome; false when this worker no longer held the claim (its lease ran out and another took over).</summary>
    public async Task<bool> CompleteAsync(string noticeId, string worker, NoticeStatus status, string? detail, string? messageId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(CompleteSql);
        command.Parameters.AddWithValue("notice_id", noticeId);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("status", status.ToString());
        command.Parameters.AddWithValue("detail", (object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue("message_id", NpgsqlDbType.Text, (object?)messageId ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the claim back after a transient failure, so the retry (here or in another worker) can take it at once.</summary>
    public async Task RetryLaterAsync(string noticeId, string worker, string detail, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(RetryLaterSql);
        command.Parameters.AddWithValue("notice_id", noticeId);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("detail", detail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string KindName(NoticeKind kind) => kind switch
    {
        NoticeKind.Dunning => "dunning",
        NoticeKind.Statement => "statement",
        NoticeKind.CollectorTask => "collector-task",
        _ => "legal-escalation",
    };
}
