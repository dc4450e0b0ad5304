using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ArScale.Migrations;

/// <summary>
/// Applies ArScale's versioned SQL scripts (embedded from <c>Scripts/</c>, run in name order) once each,
/// recording them in the <c>schema_migrations</c> journal table.
/// </summary>
public static class DatabaseMigrator
{
    public const string JournalTable = "schema_migrations";

    // Any fixed 64-bit number: the key of the advisory lock that serialises migrators.
    private const long MigrationLockKey = 0x4172_5363_616c_6501;

    public static IReadOnlyList<string> Migrate(string connectionString, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUpLogger(logger));

        // Two silos (or a silo and a test) may start at once; the journal alone would let both run a script.
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            acquire.ExecuteNonQuery();
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Scripts.", StringComparison.Ordinal))
                .JournalToPostgresqlTable("public", JournalTable)
                .WithTransactionPerScript()
                .LogTo(new DbUpLogger(logger))
                .Build();

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
            }

            return [.. result.Scripts.Select(script => script.Name)];
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>The scripts this build carries, in the order they apply.</summary>
    public static IReadOnlyList<string> KnownScripts() =>
        [.. typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Scripts.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}

public sealed class MigrationFailedException(string? script, Exception? inner)
    : Exception($"Database migration failed in script '{script ?? "(unknown)"}': {inner?.Message}", inner)
{
    public string? Script { get; } = script;
}
