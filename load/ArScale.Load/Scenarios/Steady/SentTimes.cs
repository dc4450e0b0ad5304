using Npgsql;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// When a sent notice was decided by its account grain (<c>emitted_at</c>), claimed by a Notifier
/// (<c>first_attempt_at</c>) and logged Sent (<c>completed_at</c>), by notice id: the storm's own query has no ids, and
/// the steady load measures every step from each notice's own due instant.
/// </summary>
public sealed record SentTimes(DateTimeOffset EmittedAt, DateTimeOffset FirstAttemptAt, DateTimeOffset CompletedAt)
{
    /// <summary>The Sent rows of <c>notice_log</c> in the run's database whose notice id starts with <paramref name="idPrefix"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, SentTimes>> ReadAsync(string connectionString, string idPrefix, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(
            "SELECT notice_id, emitted_at, first_attempt_at, completed_at FROM notice_log WHERE status = 'Sent' AND starts_with(notice_id, $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = idPrefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, SentTimes>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = new SentTimes(reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
        }

        return rows;
    }
}
