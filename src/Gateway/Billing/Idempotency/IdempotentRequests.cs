using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.Billing.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of a batch, per client, claimed before the request executes: one row per key, inserted
/// in flight with the body's hash, completed with the answer. The insert is the lock, so of two concurrent requests
/// with one key exactly one executes; the other is told the key is in flight (409), reused for another body (422),
/// or gets the stored answer, byte for byte.
/// </summary>
public sealed class IdempotentRequests(NpgsqlDataSource database, IOptions<IdempotencyOptions> options)
{
    public const string Header = "Idempotency-Key";

    public const int MaxKeyLength = 200;

    public static byte[] Hash(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <summary>Why a key is refused, or null. Printable ASCII only: the key is echoed in logs and compared byte for byte.</summary>
    public static string? KeyViolation(string key) =>
        key.Length > MaxKeyLength ? $"at most {MaxKeyLength} characters, this one has {key.Length}"
        : key.Any(c => c is < ' ' or > '~') ? "only printable ASCII characters (space to '~')"
        : null;

    /// <summary>
    /// Claims the key for this request, or says why not. A claim left by a Gateway that died mid-request (older than
    /// <see cref="IdempotencyOptions.ClaimLease"/>) is taken over, so the key is not blocked until it is pruned.
    /// </summary>
    public async Task<KeyClaim> ClaimAsync(string clientId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH claimed AS (
                INSERT INTO idempotent_request AS r (client_id, idempotency_key, request_hash)
                VALUES (@client, @key, @hash)
                ON CONFLICT (client_id, idempotency_key) DO UPDATE
                   SET claimed_at = now()
                 WHERE r.status_code IS NULL AND r.request_hash = excluded.request_hash AND r.claimed_at < now() - @lease
                RETURNING true AS ours)
            SELECT true, NULL::bytea, NULL::integer, NULL::text FROM claimed
            UNION ALL
            SELECT false, request_hash, status_code, response::text FROM idempotent_request
             WHERE client_id = @client AND idempotency_key = @key AND NOT EXISTS (SELECT FROM claimed)
            """);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("hash", requestHash);
        command.Parameters.AddWithValue("lease", options.Value.ClaimLease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Our insert met a row our read cannot see: committed by a concurrent request after this statement began
            // (so in flight), or released since by a failed one. Either way a retry in a moment gets the right answer.
            return new KeyClaim.InFlight();
        }

        if (reader.GetBoolean(0))
        {
            return new KeyClaim.Ours();
        }

        return !((byte[])reader[1]).AsSpan().SequenceEqual(requestHash) ? new KeyClaim.OtherBody()
            : reader.IsDBNull(2) ? new KeyClaim.InFlight()
            : new KeyClaim.Answered(reader.GetInt32(2), reader.GetString(3));
    }

    /// <summary>Stores the answer of the request that holds the claim; replays get these very bytes.</summary>
    public async Task CompleteAsync(string clientId, string key, int statusCode, string json, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            UPDATE idempotent_request SET status_code = @status, response = @response, answered_at = now()
             WHERE client_id = @client AND idempotency_key = @key AND status_code IS NULL
            """);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("status", statusCode);
        command.Parameters.AddWithValue("response", NpgsqlDbType.Json, json);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the key back after the request failed (a 5xx), so the client's retry executes instead of waiting out the lease.</summary>
    public async Task ReleaseAsync(string clientId, string key, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM idempotent_request WHERE client_id = @client AND idempotency_key = @key AND status_code IS NULL");
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes keys older than <see cref="IdempotencyOptions.Retention"/>; answers how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM idempotent_request WHERE created_at < now() - @retention");
        command.Parameters.AddWithValue("retention", options.Value.Retention);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
