using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Billing;

/// <summary>
/// The first answer to a batch sent with an <c>Idempotency-Key</c>, per client: a replay (a timeout, a retrying
/// client) gets that same answer back; the same key with a different body is refused rather than guessed at.
/// </summary>
public sealed class IdempotentRequests(NpgsqlDataSource database)
{
    public const string Header = "Idempotency-Key";

    public static byte[] Hash(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    public async Task<StoredAnswer?> FindAsync(string clientId, string key, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT request_hash, status_code, response::text FROM idempotent_request WHERE client_id = @client AND idempotency_key = @key");
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredAnswer((byte[])reader[0], reader.GetInt32(1), reader.GetString(2))
            : null;
    }

    public async Task StoreAsync(string clientId, string key, byte[] requestHash, int statusCode, object answer, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO idempotent_request (client_id, idempotency_key, request_hash, status_code, response)
            VALUES (@client, @key, @hash, @status, @response)
            ON CONFLICT (client_id, idempotency_key) DO NOTHING
            """);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("hash", requestHash);
        command.Parameters.AddWithValue("status", statusCode);
        command.Parameters.AddWithValue("response", NpgsqlDbType.Json, JsonSerializer.Serialize(answer, JsonBody.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record StoredAnswer(byte[] RequestHash, int StatusCode, string Json);
