using Npgsql;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>What the run's database says: the Notifier's <c>notice_log</c> and PostgreSQL's own counters.</summary>
public sealed class NoticeLogQueries(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(connectionString);

    /// <summary>Rows per status.</summary>
    public async Task<IReadOnlyDictionary<string, long>> StatusCountsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT status, count(*) FROM notice_log GROUP BY status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Every sent notice's first attempt, completion, attempts and worker.</summary>
    public async Task<IReadOnlyList<SentNotice>> SentAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT first_attempt_at, completed_at, attempts, worker FROM notice_log WHERE status = 'Sent' ORDER BY completed_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SentNotice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SentNotice(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>When each sent notice was emitted by its account grain, first claimed by a Notifier, and logged Sent.</summary>
    public async Task<IReadOnlyList<NoticeTimes>> TimesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT emitted_at, first_attempt_at, completed_at FROM notice_log WHERE status = 'Sent'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<NoticeTimes>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NoticeTimes(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    /// <summary>
    /// PostgreSQL's cumulative counters for this database: committed transactions and, per table, rows inserted,
    /// updated and updated in place (HOT). The difference of two snapshots is what a phase of the run cost.
    /// </summary>
    public async Task<DatabaseCounters> CountersAsync(CancellationToken cancellationToken)
    {
        // Counters are flushed by each backend at most once a second; this makes ours current at least.
        await using (var flush = database.CreateCommand("SELECT pg_stat_clear_snapshot()"))
        {
            await flush.ExecuteNonQueryAsync(cancellationToken);
        }

        long commits;
        await using (var command = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"))
        {
            commits = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }

        var tables = new Dictionary<string, TableCounters>(StringComparer.Ordinal);
        await using (var command = database.CreateCommand("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables[reader.GetString(0)] = new TableCounters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }
        }

        return new DatabaseCounters(commits, tables);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();
}

public sealed record NoticeTimes(DateTimeOffset EmittedAt, DateTimeOffset FirstAttemptAt, DateTimeOffset CompletedAt);

public sealed record SentNotice(DateTimeOffset FirstAttemptAt, DateTimeOffset CompletedAt, int Attempts, string Worker);

public sealed record TableCounters(long Inserted, long Updated, long HotUpdated, long Deleted)
{
    public TableCounters Minus(TableCounters? earlier) => earlier is null
        ? this
        : new TableCounters(Inserted - earlier.Inserted, Updated - earlier.Updated, HotUpdated - earlier.HotUpdated, Deleted - earlier.Deleted);
}

public sealed record DatabaseCounters(long Commits, IReadOnlyDictionary<string, TableCounters> Tables)
{
    /// <summary>What happened between <paramref name="earlier"/> and this snapshot; tables that did not change are left out.</summary>
    public DatabaseCounters Minus(DatabaseCounters earlier) => new(
        Commits - earlier.Commits,
        Tables.ToDictionary(entry => entry.Key, entry => entry.Value.Minus(earlier.Tables.GetValueOrDefault(entry.Key)), StringComparer.Ordinal)
            .Where(entry => entry.Value != new TableCounters(0, 0, 0, 0))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal));
}
