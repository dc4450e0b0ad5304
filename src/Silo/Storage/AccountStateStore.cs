using System.Globalization;
using ArScale.ServiceDefaults.Batching;
using ArScale.Silo.Hosting;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace ArScale.Silo.Storage;

/// <summary>
/// The account grains' storage (<c>account_state</c>): reads and writes from many grains at once share one statement
/// (<see cref="Coalescer{TRequest, TResult}"/>), so a storm's thousands of cold activations and state writes cost a
/// few dozen commits a second instead of one each. Every guarantee of a single-row store holds per grain: a write
/// returns only once the statement holding it has committed, it succeeds only if the row still has the version the
/// grain read (the ETag), and a batch that fails fails each of its writers, whose grains then start again from
/// storage. The batching also bounds the statements in flight, which the storage gate did before: a storm's
/// activations wait in memory, not for the connection pool.
/// </summary>
public sealed class AccountStateStore : IGrainStorage, IAsyncDisposable
{
    private const string ReadSql = """
        SELECT account_id, version, payload FROM account_state WHERE service_id = @service AND account_id = ANY(@ids)
        """;

    // One branch per row can produce it: an update of the version the grain read, or the insert of a first write.
    // A row neither returns had a stale ETag (or another activation wrote it first).
    private const string WriteSql = """
        WITH input AS (
            SELECT * FROM unnest(@ids, @expected, @payloads, @account_versions) AS i(account_id, expected, payload, account_version)
        ), updated AS (
            UPDATE account_state AS s
               SET payload = i.payload, version = s.version + 1, account_version = i.account_version, modified_at = now()
              FROM input AS i
             WHERE s.service_id = @service AND s.account_id = i.account_id AND i.expected IS NOT NULL AND s.version = i.expected
            RETURNING s.account_id, s.version
        ), inserted AS (
            INSERT INTO account_state (service_id, account_id, version, payload, account_version)
            SELECT @service, i.account_id, 1, i.payload, i.account_version FROM input AS i WHERE i.expected IS NULL
            ON CONFLICT (service_id, account_id) DO NOTHING
            RETURNING account_id, version
        )
        SELECT account_id, version FROM updated
        UNION ALL
        SELECT account_id, version FROM inserted
        """;

    private const string ClearSql = """
        UPDATE account_state SET payload = NULL, version = version + 1, account_version = NULL, modified_at = now()
         WHERE service_id = @service AND account_id = @id AND version = @expected
        RETURNING version
        """;

    private readonly NpgsqlDataSource database;
    private readonly string serviceId;
    private readonly AccountStorageSerializer serializer = new();
    private readonly Coalescer<string, StoredRow?> reads;
    private readonly Coalescer<RowWrite, int?> writes;

    /// <param name="database">Owned by the store from here on.</param>
    public AccountStateStore(NpgsqlDataSource database, string serviceId, CoalescerOptions options)
    {
        this.database = database;
        this.serviceId = serviceId;
        // Reads of one id may share a batch (both get the row); writes of one id never do (StoredRow is per statement).
        reads = new Coalescer<string, StoredRow?>(ReadAsync, _ => null, options);
        writes = new Coalescer<RowWrite, int?>(WriteAsync, write => write.AccountId, options);
    }

    /// <summary>Reads and writes so far and the statements that carried them: how much a load was batched.</summary>
    public (long Reads, long ReadStatements, long Writes, long WriteStatements) Batching => (reads.Flushed, reads.Batches, writes.Flushed, writes.Batches);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await reads.SubmitAsync(AccountId(grainId));
        grainState.ETag = row?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = row?.Payload is not null;
        grainState.State = row?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : Activator.CreateInstance<T>();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var accountId = AccountId(grainId);
        var expected = Version(grainState.ETag);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var accountVersion = grainState.State is IVersionedState versioned ? versioned.Version : (long?)null;
        var written = await writes.SubmitAsync(new RowWrite(accountId, expected, payload, accountVersion))
            ?? throw new InconsistentStateException($"account {accountId} was written by another activation since version {grainState.ETag ?? "(none)"}", grainState.ETag ?? "", "unknown");
        grainState.ETag = written.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var accountId = AccountId(grainId);
        if (grainState.ETag is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            return;
        }

        await using var command = database.CreateCommand(ClearSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("id", accountId);
        command.Parameters.AddWithValue("expected", Version(grainState.ETag)!.Value);
        var cleared = await command.ExecuteScalarAsync()
            ?? throw new InconsistentStateException($"account {accountId} was written by another activation since version {grainState.ETag}", grainState.ETag, "unknown");
        grainState.ETag = ((int)cleared).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<IReadOnlyList<StoredRow?>> ReadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("ids", ids.Distinct(StringComparer.Ordinal).ToArray());
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetString(0)] = new StoredRow(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
            }
        }

        return [.. ids.Select(id => rows.GetValueOrDefault(id))];
    }

    private async Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<RowWrite> batch, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(WriteSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(write => write.AccountId).ToArray());
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Array | NpgsqlDbType.Integer, batch.Select(write => write.Expected).ToArray());
        command.Parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, batch.Select(write => write.Payload).ToArray());
        command.Parameters.AddWithValue("account_versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint, batch.Select(write => write.AccountVersion).ToArray());
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return [.. batch.Select(write => versions.TryGetValue(write.AccountId, out var version) ? version : (int?)null)];
    }

    /// <summary>Only account grains live here, and their key is the account id.</summary>
    private static string AccountId(GrainId grainId) =>
        grainId.Type.ToString() == "account"
            ? grainId.Key.ToString()!
            : throw new ArgumentException($"{grainId} is not an account grain: account_state holds accounts only", nameof(grainId));

    private static int? Version(string? etag) =>
        etag is null ? null
        : int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new InconsistentStateException($"'{etag}' is not an account_state version", etag, "unknown");

    /// <summary>Flushes what the grains handed over (they are deactivated by now), then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await writes.DisposeAsync();
        await reads.DisposeAsync();
        await database.DisposeAsync();
    }

    private sealed record StoredRow(int Version, byte[]? Payload);

    private sealed record RowWrite(string AccountId, int? Expected, byte[] Payload, long? AccountVersion);
}
