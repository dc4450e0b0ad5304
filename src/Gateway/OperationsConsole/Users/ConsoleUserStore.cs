using Npgsql;

namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>The <c>console_user</c> table.</summary>
public sealed class ConsoleUserStore(NpgsqlDataSource database)
{
    public const string AdminSource = "admin";
    public const string ConfigurationSource = "configuration";

    private const string Columns = "name, password_hash, role, collector_id, source, created_at, password_changed_at, last_sign_in_at, disabled_at";

    /// <summary>Creates the user; null when the name is taken.</summary>
    public async Task<ConsoleUser?> CreateAsync(string name, string passwordHash, ConsoleRole role, string? collectorId, string source, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO console_user (name, password_hash, role, collector_id, source)
            VALUES (@name, @hash, @role, @collector, @source)
            ON CONFLICT (name) DO NOTHING
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", passwordHash);
        command.Parameters.AddWithValue("role", ConsoleRoles.Name(role));
        command.Parameters.AddWithValue("collector", (object?)collectorId ?? DBNull.Value);
        command.Parameters.AddWithValue("source", source);
        return await SingleAsync(command, cancellationToken);
    }

    public async Task<ConsoleUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM console_user WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        return await SingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM console_user ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<ConsoleUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Role and collector follow the configuration for a user that came from it; an admin's own user of the same name is left alone (null).</summary>
    public async Task<ConsoleUser?> UpdateFromConfigurationAsync(string name, ConsoleRole role, string? collectorId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE console_user SET role = @role, collector_id = @collector
             WHERE name = @name AND source = '{ConfigurationSource}'
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("role", ConsoleRoles.Name(role));
        command.Parameters.AddWithValue("collector", (object?)collectorId ?? DBNull.Value);
        return await SingleAsync(command, cancellationToken);
    }

    /// <summary>A new password: sessions issued under the old one end at their next request.</summary>
    public Task<bool> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        UpdateAsync("password_hash = @hash, password_changed_at = clock_timestamp()", name, cancellationToken, ("hash", passwordHash));

    /// <summary>The same password under today's hash settings: sessions stay valid.</summary>
    public Task<bool> RehashAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        UpdateAsync("password_hash = @hash", name, cancellationToken, ("hash", passwordHash));

    /// <summary>Disabling ends the user's sessions at their next request; enabling again lets them sign in.</summary>
    public Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken) =>
        UpdateAsync(disabled ? "disabled_at = coalesce(disabled_at, now())" : "disabled_at = NULL", name, cancellationToken);

    public Task<bool> RecordSignInAsync(string name, CancellationToken cancellationToken) =>
        UpdateAsync("last_sign_in_at = now()", name, cancellationToken);

    private async Task<bool> UpdateAsync(string assignments, string name, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = database.CreateCommand($"UPDATE console_user SET {assignments} WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<ConsoleUser?> SingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ConsoleUser Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ConsoleRoles.TryParse(reader.GetString(2), out var role) ? role : ConsoleRole.Viewer,
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
}
