using Npgsql;

namespace ArScale.Gateway.Notices;

/// <summary>
/// Re-opening a Failed notice (<c>notice_log</c>): it becomes Retrying, due at once, with a fresh retry deadline, and
/// the Notifiers' retry pumps send it from the message stored with it. Only a notice that was parked has that
/// message; one refused as malformed never did and cannot be re-opened: re-sending it would fail the same way.
/// </summary>
public sealed class FailedNotices(NpgsqlDataSource database)
{
    // retry_until NULL: the claim sets a new deadline from the moment it takes the notice again.
    private const string ReopenSql = """
        WITH target AS (
            SELECT notice_id, status, payload IS NOT NULL AS resendable FROM notice_log WHERE notice_id = @notice_id FOR UPDATE),
        reopened AS (
            UPDATE notice_log AS log
               SET status = 'Retrying', next_attempt_at = now(), retry_until = NULL, completed_at = NULL,
                   detail = left('re-opened by ' || @by || ' after: ' || coalesce(log.detail, ''), 2000)
              FROM target
             WHERE log.notice_id = target.notice_id AND target.status = 'Failed' AND target.resendable
            RETURNING log.notice_id)
        SELECT target.status, target.resendable, EXISTS (SELECT 1 FROM reopened) FROM target
        """;

    public async Task<ReopenResult> ReopenAsync(string noticeId, string by, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ReopenSql);
        command.Parameters.AddWithValue("notice_id", noticeId);
        command.Parameters.AddWithValue("by", by);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new ReopenResult(ReopenStatus.Unknown, null);
        }

        var status = reader.GetString(0);
        return reader.GetBoolean(2) ? new ReopenResult(ReopenStatus.Reopened, status)
            : status != "Failed" ? new ReopenResult(ReopenStatus.NotFailed, status)
            : new ReopenResult(ReopenStatus.NotResendable, status);
    }
}

public enum ReopenStatus
{
    Reopened,
    Unknown,
    NotFailed,
    NotResendable,
}

/// <param name="PreviousStatus">The notice's status before the request.</param>
public sealed record ReopenResult(ReopenStatus Status, string? PreviousStatus);
