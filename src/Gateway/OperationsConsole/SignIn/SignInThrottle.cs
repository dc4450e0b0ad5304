using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>
/// Counts failed sign-ins per user name and per client address in PostgreSQL, so every Gateway sees the same
/// counts. Names are counted whether or not such a user exists: a locked name answers the same for a real user
/// and a made-up one, and the lock itself says nothing about which part of a sign-in was wrong.
/// </summary>
public sealed class SignInThrottle(NpgsqlDataSource database, IOptionsMonitor<ConsoleOptions> options)
{
    // Longer names are not users (see NewConsoleUser); cut so a hostile name cannot make a large row.
    private const int MaxSubjectName = 64;

    private const string RecordFailureSql = """
        INSERT INTO console_sign_in_failure AS f (subject, failures, window_started, locked_until)
        VALUES (@subject, 1, now(), CASE WHEN @limit <= 1 THEN now() + @lockout END)
        ON CONFLICT (subject) DO UPDATE SET
            failures = CASE WHEN f.window_started < now() - @window THEN 1 ELSE f.failures + 1 END,
            window_started = CASE WHEN f.window_started < now() - @window THEN now() ELSE f.window_started END,
            locked_until = CASE WHEN (CASE WHEN f.window_started < now() - @window THEN 1 ELSE f.failures + 1 END) >= @limit
                                THEN now() + @lockout ELSE f.locked_until END
        """;

    /// <summary>How long the name or the address is still refused; null when neither is.</summary>
    public async Task<TimeSpan?> LockedForAsync(string userName, IPAddress? address, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT extract(epoch FROM max(locked_until) - now()) FROM console_sign_in_failure
             WHERE subject = ANY(@subjects) AND locked_until > now()
            """);
        command.Parameters.AddWithValue("subjects", new[] { UserSubject(userName), AddressSubject(address) });
        return await command.ExecuteScalarAsync(cancellationToken) is decimal seconds
            ? TimeSpan.FromSeconds((double)seconds)
            : null;
    }

    public async Task RecordFailureAsync(string userName, IPAddress? address, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue.SignIn;
        await using var batch = database.CreateBatch();
        Add(batch, UserSubject(userName), limits.MaxFailuresPerUser, limits);
        Add(batch, AddressSubject(address), limits.MaxFailuresPerAddress, limits);

        // Rows whose window and lock have both passed mean nothing any more; without this, guessed names would pile up.
        var prune = new NpgsqlBatchCommand("""
            DELETE FROM console_sign_in_failure
             WHERE window_started < now() - @window AND (locked_until IS NULL OR locked_until < now())
            """);
        prune.Parameters.AddWithValue("window", NpgsqlDbType.Interval, limits.Window);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets the name's failures: after a right password, or when an admin lifts a lock early. The address keeps
    /// its count: one person's success says nothing about the rest of a network. False when there was nothing to forget.
    /// </summary>
    public async Task<bool> ClearUserAsync(string userName, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM console_sign_in_failure WHERE subject = @subject");
        command.Parameters.AddWithValue("subject", UserSubject(userName));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void Add(NpgsqlBatch batch, string subject, int limit, SignInLimits limits)
    {
        var command = new NpgsqlBatchCommand(RecordFailureSql);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("limit", Math.Max(1, limit));
        command.Parameters.AddWithValue("window", NpgsqlDbType.Interval, limits.Window);
        command.Parameters.AddWithValue("lockout", NpgsqlDbType.Interval, limits.Lockout);
        batch.BatchCommands.Add(command);
    }

    private static string UserSubject(string userName) =>
        "user:" + (userName.Length > MaxSubjectName ? userName[..MaxSubjectName] : userName);

    private static string AddressSubject(IPAddress? address) =>
        "address:" + (address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
}
