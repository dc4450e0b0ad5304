using Npgsql;

namespace ArScale.Gateway.Security;

/// <summary>A key as stored: never the secret, only its hash.</summary>
public sealed record StoredApiKey(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    int? RequestsPerSecond,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    byte[] SecretSha256)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The <c>api_key</c> table.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource database)
{
    public const string AdminSource = "admin";
    public const string ConfigurationSource = "configuration";

    private const string Columns = "id, name, scopes, requests_per_second, source, created_at, last_used_at, revoked_at, secret_sha256";

    /// <summary>Creates a key with a fresh random secret; the returned token is the only time anyone sees it.</summary>
    public async Task<(StoredApiKey Key, ApiKeyToken Token)> CreateAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        var token = ApiKeyToken.Generate();
        await using var command = database.CreateCommand($"""
            INSERT INTO api_key (id, name, secret_sha256, scopes, requests_per_second, source)
            VALUES (@id, @name, @hash, @scopes, @rate, '{AdminSource}')
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", token.Id);
        command.Parameters.AddWithValue("name", key.NormalizedName);
        command.Parameters.AddWithValue("hash", token.SecretHash());
        command.Parameters.AddWithValue("scopes", key.NormalizedScopes);
        command.Parameters.AddWithValue("rate", (object?)key.RequestsPerSecond ?? DBNull.Value);
        var created = await SingleAsync(command, cancellationToken);
        return (created!, token);
    }

    /// <summary>
    /// Writes a key from configuration. Its name, scopes, rate and secret follow the configuration; a key an admin
    /// revoked stays revoked, so a stale configuration cannot bring a withdrawn key back.
    /// </summary>
    public async Task<StoredApiKey> UpsertAsync(string name, ApiKeyToken token, IReadOnlyList<string> scopes, int? requestsPerSecond, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO api_key (id, name, secret_sha256, scopes, requests_per_second, source)
            VALUES (@id, @name, @hash, @scopes, @rate, '{ConfigurationSource}')
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, secret_sha256 = excluded.secret_sha256, scopes = excluded.scopes,
                requests_per_second = excluded.requests_per_second
            WHERE api_key.source = '{ConfigurationSource}'
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", token.Id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", token.SecretHash());
        command.Parameters.AddWithValue("scopes", scopes.ToArray());
        command.Parameters.AddWithValue("rate", (object?)requestsPerSecond ?? DBNull.Value);
        return await SingleAsync(command, cancellationToken)
            ?? throw new InvalidOperationException($"The configured key '{name}' has the id {token.Id} of a key an admin created; configure a new key.");
    }

    public async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM api_key WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await SingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM api_key ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Revokes a key; revoking it again changes nothing. False when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task RecordUseAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE api_key SET last_used_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<StoredApiKey?> SingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static StoredApiKey Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<string[]>(2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<byte[]>(8));
}
