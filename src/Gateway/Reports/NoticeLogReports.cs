using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Reports;

/// <summary>The notifier's log (<c>notice_log</c>), filtered and paged, and the counts the console charts draw from it.</summary>
public sealed class NoticeLogReports(NpgsqlDataSource database)
{
    public static IReadOnlyList<string> Statuses { get; } = ["Sending", "Retrying", "Sent", "Suppressed", "Failed", "Rejected"];

    public static IReadOnlyList<string> Kinds { get; } = ["dunning", "statement", "collector-task", "legal-escalation"];

    /// <summary>Newest first by when the account emitted the notice. Recipients are masked: this is a log, not an address book.</summary>
    public async Task<Page<NoticeLogEntry>> ListAsync(NoticeLogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient, status, attempts, detail,
                   emitted_at, last_attempt_at, completed_at, count(*) OVER ()
              FROM notice_log
             WHERE (@account::text IS NULL OR account_id = @account)
               AND (@status::text IS NULL OR status = @status)
               AND (@channel::text IS NULL OR channel = @channel)
               AND (@stage::text IS NULL OR stage = @stage)
               AND (@kind::text IS NULL OR kind = @kind)
               AND (@from::timestamptz IS NULL OR emitted_at >= @from)
               AND (@to::timestamptz IS NULL OR emitted_at < @to)
             ORDER BY emitted_at DESC, notice_id
             LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("account", NpgsqlDbType.Text, (object?)filter.AccountId ?? DBNull.Value);
        command.Parameters.AddWithValue("status", NpgsqlDbType.Text, (object?)filter.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("channel", NpgsqlDbType.Text, (object?)filter.Channel ?? DBNull.Value);
        command.Parameters.AddWithValue("stage", NpgsqlDbType.Text, (object?)filter.Stage ?? DBNull.Value);
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Text, (object?)filter.Kind ?? DBNull.Value);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, (object?)filter.From?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, (object?)filter.To?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", pageSize);
        command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        var items = new List<NoticeLogEntry>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new NoticeLogEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), ServiceDefaults.Privacy.Redact.Addresses(reader.GetString(8).Split(", ")), reader.GetString(9),
                reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12),
                reader.GetFieldValue<DateTimeOffset>(13), reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14)));
            total = reader.GetInt64(15);
        }

        return new Page<NoticeLogEntry>(page, pageSize, total, items);
    }

    /// <summary>Notices that reached their outcome, per hour and outcome, over the last <paramref name="hours"/> hours (UTC hours).</summary>
    public async Task<NoticesPerHour> PerHourAsync(int hours, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour + 1), TimeSpan.Zero);
        var since = until.AddHours(-hours);
        await using var batch = database.CreateBatch();
        var buckets = new NpgsqlBatchCommand("""
            SELECT date_trunc('hour', completed_at), status, count(*)
              FROM notice_log
             WHERE completed_at >= @since AND completed_at < @until
             GROUP BY 1, 2 ORDER BY 1, 2
            """);
        buckets.Parameters.AddWithValue("since", since);
        buckets.Parameters.AddWithValue("until", until);
        batch.BatchCommands.Add(buckets);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT status, count(*) FROM notice_log WHERE completed_at IS NULL AND status IN ('Sending', 'Retrying') GROUP BY status"));

        var rows = new List<NoticeHour>();
        var inFlight = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NoticeHour(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inFlight[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new NoticesPerHour(since, until, rows, inFlight);
    }

    /// <summary>What the notifiers finished in the last minute, by outcome: their throughput right now.</summary>
    public async Task<NotifierThroughput> LastMinuteAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT status, count(*) FROM notice_log WHERE completed_at >= now() - interval '1 minute' GROUP BY status
            """);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        var sent = counts.GetValueOrDefault("Sent");
        return new NotifierThroughput(sent, Math.Round(sent / 60m, 2), counts);
    }
}

public sealed record NoticeLogFilter(string? AccountId, string? Status, string? Channel, string? Stage, string? Kind, DateTimeOffset? From, DateTimeOffset? To);

public sealed record NoticeLogEntry(
    string NoticeId, string Kind, string AccountId, IReadOnlyList<string> InvoiceIds, string Stage, string TemplateKey, string Channel, string Locale,
    string Recipient, string Status, int Attempts, string? Detail, DateTimeOffset EmittedAt, DateTimeOffset LastAttemptAt, DateTimeOffset? CompletedAt);

public sealed record NoticeHour(DateTimeOffset Hour, string Status, long Notices);

/// <summary>Completed notices per hour and outcome, and how many are being sent or waiting to retry right now.</summary>
public sealed record NoticesPerHour(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<NoticeHour> Hours, IReadOnlyDictionary<string, long> InFlight);

public sealed record NotifierThroughput(long SentLastMinute, decimal SentPerSecond, IReadOnlyDictionary<string, long> CompletedLastMinute);
