using System.Globalization;
using ArScale.ServiceDefaults.Batching;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Silo.Reminders;

/// <summary>
/// Orleans' reminder table on <c>orleans_reminder</c> (the rows and hashes Orleans' ADO.NET provider wrote before, so
/// nothing moves), with its one hot statement batched: every account that decides a notice registers its next
/// reminder, and a storm's thousands of registrations a second share few upserts (<see cref="Coalescer{TRequest, TResult}"/>),
/// each registration answered only after its statement has committed. Reads and removals are rare and stay one
/// statement each.
/// </summary>
public sealed class BatchedReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_id, reminder_name, start_time, period_ms, version";

    private const string UpsertSql = """
        INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
        SELECT @service, grain_id, reminder_name, grain_hash, start_time, period_ms, 1
          FROM unnest(@grain_ids, @names, @hashes, @starts, @periods) AS i(grain_id, reminder_name, grain_hash, start_time, period_ms)
        ON CONFLICT ON CONSTRAINT orleans_reminder_pk DO UPDATE
           SET grain_hash = excluded.grain_hash, start_time = excluded.start_time, period_ms = excluded.period_ms,
               version = r.version + 1, modified_at = now()
        RETURNING r.grain_id, r.reminder_name, r.version
        """;

    private readonly NpgsqlDataSource database;
    private readonly string serviceId;
    private readonly Coalescer<ReminderEntry, string> upserts;

    /// <param name="database">Owned by the table from here on.</param>
    public BatchedReminderTable(NpgsqlDataSource database, string serviceId, CoalescerOptions options)
    {
        this.database = database;
        this.serviceId = serviceId;
        upserts = new Coalescer<ReminderEntry, string>(UpsertBatchAsync, entry => Key(entry.GrainId.ToString(), entry.ReminderName), options);
    }

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM orleans_reminder WHERE service_id = @service AND grain_id = @grain");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        return new ReminderTableData(await ReadAsync(command, cancellationToken));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The rows whose hash is in the ring range (begin, end], wrapping past the top when begin ≥ end.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var ranges = RingRanges.Signed(begin, end);
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM orleans_reminder WHERE service_id = @service AND ({string.Join(" OR ", ranges.Select((_, i) => $"grain_hash BETWEEN @lo{i} AND @hi{i}"))})");
        command.Parameters.AddWithValue("service", serviceId);
        for (var i = 0; i < ranges.Count; i++)
        {
            command.Parameters.AddWithValue($"lo{i}", ranges[i].Low);
            command.Parameters.AddWithValue($"hi{i}", ranges[i].High);
        }

        return new ReminderTableData(ranges.Count == 0 ? [] : await ReadAsync(command, cancellationToken));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM orleans_reminder WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        command.Parameters.AddWithValue("name", reminderName);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) => await upserts.SubmitAsync(entry).WaitAsync(cancellationToken);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!int.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var command = database.CreateCommand(
            "DELETE FROM orleans_reminder WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND version = @version");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        command.Parameters.AddWithValue("name", reminderName);
        command.Parameters.AddWithValue("version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM orleans_reminder WHERE service_id = @service");
        command.Parameters.AddWithValue("service", serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> UpsertBatchAsync(IReadOnlyList<ReminderEntry> batch, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(UpsertSql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("grain_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(entry => entry.GrainId.ToString()).ToArray());
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(entry => entry.ReminderName).ToArray());
        // The ring position as Orleans' ADO.NET provider stored it: the uniform hash's bits as a signed integer.
        command.Parameters.AddWithValue("hashes", NpgsqlDbType.Array | NpgsqlDbType.Integer, batch.Select(entry => unchecked((int)entry.GrainId.GetUniformHashCode())).ToArray());
        command.Parameters.AddWithValue("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, batch.Select(entry => DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToArray());
        command.Parameters.AddWithValue("periods", NpgsqlDbType.Array | NpgsqlDbType.Bigint, batch.Select(entry => (long)entry.Period.TotalMilliseconds).ToArray());
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[Key(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2).ToString(CultureInfo.InvariantCulture);
            }
        }

        return [.. batch.Select(entry => versions[Key(entry.GrainId.ToString(), entry.ReminderName)])];
    }

    private static async Task<List<ReminderEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetFieldValue<DateTime>(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }

    private static string Key(string grainId, string reminderName) => grainId + "\n" + reminderName;

    public async ValueTask DisposeAsync()
    {
        await upserts.DisposeAsync();
        await database.DisposeAsync();
    }
}
