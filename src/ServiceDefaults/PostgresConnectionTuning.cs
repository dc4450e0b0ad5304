using Microsoft.Extensions.Configuration;
using System.Data.Common;
using Npgsql;

namespace ArScale.ServiceDefaults;

/// <summary>
/// Settings every ArScale service wants on its PostgreSQL connections, applied to <c>ConnectionStrings:postgres</c>
/// before anything (Orleans' ADO.NET providers included) reads it, unless the connection string sets them itself.
/// </summary>
public static class PostgresConnectionTuning
{
    public static void Apply(IConfigurationManager configuration)
    {
        var key = $"ConnectionStrings:{ConnectionNames.Postgres}";
        if (configuration[key] is not { Length: > 0 } value)
        {
            return;
        }

        configuration[key] = Tune(value);
    }

    public static string Tune(string connectionString)
    {
        // The plain builder holds only the keys the string sets: Npgsql's own answers ContainsKey for every keyword it
        // knows, set or not, which once made this tuning a silent no-op (a DISCARD ALL after every statement).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);

        // No service keeps session state on a pooled connection (no SET, temp tables or advisory locks), so the
        // DISCARD ALL Npgsql sends on every return to the pool is a wasted transaction per statement — and it
        // would drop the prepared statements below.
        if (!Sets(given, "No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        // The hot statements (grain state writes, reminder upserts, notice claims) are the same few texts run
        // thousands of times a second: prepared once per connection, PostgreSQL stops parsing and planning them.
        if (!Sets(given, "Max Auto Prepare"))
        {
            tuned.MaxAutoPrepare = 64;
        }

        return tuned.ConnectionString;
    }

    /// <summary>Whether the string sets the keyword, spelt with or without its spaces (Npgsql accepts both).</summary>
    private static bool Sets(DbConnectionStringBuilder given, string keyword) =>
        given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
}
