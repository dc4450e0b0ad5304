using Npgsql;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>What the accounts take in PostgreSQL: rows, table and index bytes per table, and the whole database.</summary>
public static class StorageSizes
{
    private static readonly string[] Tables = ["account_state", "orleans_reminder", "account_summary", "account_balance"];

    public static async Task<DatabaseSize> MeasureAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var analyze = database.CreateCommand($"ANALYZE {string.Join(", ", Tables)}"))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var tables = new List<TableSize>();
        foreach (var table in Tables)
        {
            await using var command = database.CreateCommand($"""
                SELECT (SELECT count(*) FROM {table}), pg_table_size('{table}'), pg_indexes_size('{table}')
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            tables.Add(new TableSize(table, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        await using var total = database.CreateCommand("SELECT pg_database_size(current_database())");
        return new DatabaseSize(tables, (long)(await total.ExecuteScalarAsync(cancellationToken))!);
    }
}

public sealed record TableSize(string Table, long Rows, long TableBytes, long IndexBytes);

public sealed record DatabaseSize(IReadOnlyList<TableSize> Tables, long DatabaseBytes)
{
    public long RowsOf(string table) => Tables.FirstOrDefault(entry => entry.Table == table)?.Rows ?? 0;
}
