using ArScale.Migrations;
using Npgsql;

namespace ArScale.Load.Infrastructure;

/// <summary>A database of one run on the load profile's PostgreSQL, migrated with the production migrations.</summary>
public sealed class LoadDatabase
{
    private readonly string adminConnectionString;

    private LoadDatabase(string name, string connectionString, string adminConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        this.adminConnectionString = adminConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Creates and migrates <paramref name="name"/> (lower case, digits and underscores).</summary>
    public static async Task<LoadDatabase> CreateAsync(string profileConnectionString, string name, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(profileConnectionString) { Database = name }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(profileConnectionString) { Database = "postgres" }.ConnectionString;
        // DbUp creates the database, then applies every script in order.
        await Task.Run(() => DatabaseMigrator.Migrate(connectionString), cancellationToken);
        return new LoadDatabase(name, connectionString, admin);
    }

    /// <summary>Creates <paramref name="name"/> empty, for a system that brings its own schema (the Hangfire baseline).</summary>
    public static async Task<LoadDatabase> CreateEmptyAsync(string profileConnectionString, string name, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(profileConnectionString) { Database = name }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(profileConnectionString) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new LoadDatabase(name, connectionString, admin);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
