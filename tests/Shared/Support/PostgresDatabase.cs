using ArScale.Migrations;
using Npgsql;

namespace ArScale.Tests.Support;

/// <summary>
/// A fresh database per test class on the real test PostgreSQL, migrated with the production migrations,
/// dropped afterwards: tests never see each other's rows.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly bool migrate;

    public PostgresDatabase()
        : this(migrate: true)
    {
    }

    private PostgresDatabase(bool migrate) => this.migrate = migrate;

    /// <summary>A database that exists but has no schema yet, for tests of the migrations themselves.</summary>
    public static PostgresDatabase Empty() => new(migrate: false);

    public string Name { get; } = $"arscale_t_{Guid.NewGuid():N}"[..30];
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = Name }.ConnectionString;
        if (migrate)
        {
            await Task.Run(() => DatabaseMigrator.Migrate(ConnectionString));
            return;
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = "postgres" }.ConnectionString;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
