using ArScale.Notifier.Notices;
using ArScale.ServiceDefaults.Batching;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Notifier.Log;

/// <summary>
/// The two statements every notice costs, claim and outcome, many notices per statement: the messages a Notifier
/// works on at once (dozens per queue) each hand theirs over and wait for the statement that carries it
/// (<see cref="Coalescer{TRequest, TResult}"/>). Each still gets its own answer, after its statement has committed:
/// a claim granted, already final or held elsewhere; an outcome recorded, or lost with the claim. A notice id never
/// appears twice in one statement.
/// </summary>
public sealed partial class NoticeLog : IAsyncDisposable
{
    /// <summary>Invoice ids obey the id rule (no control characters), so the unit separator can join them into one array element.</summary>
    private const char InvoiceSeparator = '\u001f';

    // retry_until is set once, at the first claim (or again after an operator re-opened the notice): the deadline runs
    // from the first attempt, whichever worker makes the later ones. A notice not claimed is answered from the row as
    // the statement found it; one another transaction inserted meanwhile is in neither half and is claimed again.
    // A granted claim also answers with the account's version as storage holds it (account_state, written by the
    // silo), so the delivery can tell without a call to the account whether anything happened to it since the notice.
    private const string ClaimSql = """
        WITH input AS (
            SELECT * FROM unnest(@notice_ids, @kinds, @account_ids, @invoice_ids, @stages, @template_keys, @channels, @locales,
                                 @recipients, @emitted_at, @workers, @leases, @deadlines)
                     AS i(notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient, emitted_at, worker, lease, deadline)
        ), claimed AS (
            INSERT INTO notice_log AS log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                           status, attempts, emitted_at, first_attempt_at, last_attempt_at, worker, claimed_until, retry_until)
            SELECT notice_id, kind, account_id, string_to_array(invoice_ids, E'\x1f'), stage, template_key, channel, locale, recipient,
                   'Sending', 1, emitted_at, now(), now(), worker, now() + lease, now() + deadline
              FROM input
            ON CONFLICT (notice_id) DO UPDATE
               SET status = 'Sending', attempts = log.attempts + 1, last_attempt_at = now(),
                   worker = excluded.worker, claimed_until = excluded.claimed_until,
                   retry_until = coalesce(log.retry_until, excluded.retry_until)
             WHERE log.status = 'Retrying' OR (log.status = 'Sending' AND log.claimed_until < now())
            RETURNING log.notice_id, log.account_id, log.attempts, log.retry_until
        )
        SELECT c.notice_id, true, c.attempts, c.retry_until, NULL, NULL, NULL, NULL, NULL,
               (SELECT s.account_version FROM account_state AS s WHERE s.service_id = @account_service AND s.account_id = c.account_id)
          FROM claimed AS c
        UNION ALL
        SELECT log.notice_id, false, log.attempts, log.retry_until, log.status, log.detail, log.worker, log.claimed_until, log.completed_at, NULL
          FROM notice_log AS log JOIN input USING (notice_id)
         WHERE NOT EXISTS (SELECT 1 FROM claimed WHERE claimed.notice_id = log.notice_id)
        """;

    private const string CompleteSql = """
        UPDATE notice_log AS log
           SET status = i.status, detail = i.detail, message_id = coalesce(i.message_id, log.message_id),
               completed_at = now(), last_attempt_at = now(), claimed_until = NULL, next_attempt_at = NULL
          FROM unnest(@notice_ids, @workers, @statuses, @details, @message_ids) AS i(notice_id, worker, status, detail, message_id)
         WHERE log.notice_id = i.notice_id AND log.status = 'Sending' AND log.worker = i.worker
        RETURNING log.notice_id, log.completed_at
        """;

    private readonly Coalescer<ClaimRequest, Claim> claims;
    private readonly Coalescer<Completion, DateTimeOffset?> completions;

    public Task<Claim> ClaimAsync(OutgoingNotice notice, string worker, TimeSpan lease, TimeSpan deadline, CancellationToken cancellationToken) =>
        claims.SubmitAsync(new ClaimRequest(notice, worker, lease, deadline)).WaitAsync(cancellationToken);

    /// <summary>Records a final outcome and returns when (the database's clock); null when this worker no longer held the claim (its lease ran out and another took over).</summary>
    /// <remarks>Not cancelled with the caller: once handed over, the outcome is recorded even if the caller stops waiting.</remarks>
    public Task<DateTimeOffset?> CompleteAsync(string noticeId, string worker, NoticeStatus status, string? detail, string? messageId, CancellationToken cancellationToken) =>
        completions.SubmitAsync(new Completion(noticeId, worker, status, detail, messageId)).WaitAsync(cancellationToken);

    private async Task<IReadOnlyList<Claim>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("notice_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.NoticeId).ToArray());
        command.Parameters.AddWithValue("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => KindName(c.Notice.Kind)).ToArray());
        command.Parameters.AddWithValue("account_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.AccountId).ToArray());
        command.Parameters.AddWithValue("invoice_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => string.Join(InvoiceSeparator, c.Notice.InvoiceIds)).ToArray());
        command.Parameters.AddWithValue("stages", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.Stage ?? "").ToArray());
        command.Parameters.AddWithValue("template_keys", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.TemplateKey ?? "").ToArray());
        command.Parameters.AddWithValue("channels", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.Channel).ToArray());
        command.Parameters.AddWithValue("locales", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Notice.Locale ?? "").ToArray());
        command.Parameters.AddWithValue("recipients", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => string.Join(", ", c.Notice.Recipients)).ToArray());
        command.Parameters.AddWithValue("emitted_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, batch.Select(c => c.Notice.OccurredAt.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("workers", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Worker).ToArray());
        command.Parameters.AddWithValue("leases", NpgsqlDbType.Array | NpgsqlDbType.Interval, batch.Select(c => c.Lease).ToArray());
        command.Parameters.AddWithValue("deadlines", NpgsqlDbType.Array | NpgsqlDbType.Interval, batch.Select(c => c.Deadline).ToArray());
        command.Parameters.AddWithValue("account_service", NpgsqlDbType.Text, (object?)accountServiceId ?? DBNull.Value);
        var answers = new Dictionary<string, Claim>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                answers[reader.GetString(0)] = reader.GetBoolean(1)
                    ? new Claim.Granted(reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(9) ? null : reader.GetInt64(9))
                    : Found(reader);
            }
        }

        // A row this statement could not see (inserted by a transaction that committed meanwhile): claim it again at once.
        return [.. batch.Select(c => answers.GetValueOrDefault(c.Notice.NoticeId) ?? new Claim.HeldElsewhere(null, null))];
    }

    private static Claim Found(NpgsqlDataReader reader)
    {
        var current = Enum.Parse<NoticeStatus>(reader.GetString(4));
        return current is NoticeStatus.Sending or NoticeStatus.Retrying
            ? new Claim.HeldElsewhere(reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7))
            : new Claim.AlreadyFinal(current, reader.GetInt32(2), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(8));
    }

    private async Task<IReadOnlyList<DateTimeOffset?>> CompleteBatchAsync(IReadOnlyList<Completion> batch, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(CompleteSql);
        command.Parameters.AddWithValue("notice_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.NoticeId).ToArray());
        command.Parameters.AddWithValue("workers", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Worker).ToArray());
        command.Parameters.AddWithValue("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Status.ToString()).ToArray());
        command.Parameters.AddWithValue("details", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.Detail).ToArray());
        command.Parameters.AddWithValue("message_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(c => c.MessageId).ToArray());
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                completed[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        return [.. batch.Select(c => completed.TryGetValue(c.NoticeId, out var at) ? at : (DateTimeOffset?)null)];
    }

    /// <summary>Records what was handed over (the consumers have stopped by now), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await claims.DisposeAsync();
        await completions.DisposeAsync();
    }

    private sealed record ClaimRequest(OutgoingNotice Notice, string Worker, TimeSpan Lease, TimeSpan Deadline);

    private sealed record Completion(string NoticeId, string Worker, NoticeStatus Status, string? Detail, string? MessageId);
}
