using ArScale.Integration.Tests.Support;
using ArScale.Migrations;

namespace ArScale.Integration.Tests.Migrations;

public sealed class MigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_script_is_recorded_in_the_journal_once()
    {
        var journaled = await database.ScalarAsync<long>($"SELECT count(*) FROM {DatabaseMigrator.JournalTable}");
        Assert.Equal(DatabaseMigrator.KnownScripts().Count, journaled);
        Assert.NotEmpty(DatabaseMigrator.KnownScripts());
    }

    [Fact]
    public async Task Running_the_migrations_again_applies_nothing()
    {
        var applied = await Task.Run(() => DatabaseMigrator.Migrate(database.ConnectionString));
        Assert.Empty(applied);
    }

    [Fact]
    public async Task Migrators_started_together_apply_each_script_once()
    {
        var fresh = PostgresDatabase.Empty();
        await fresh.InitializeAsync();
        try
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DatabaseMigrator.Migrate(fresh.ConnectionString))));
            Assert.Equal(DatabaseMigrator.KnownScripts().Count, runs.Sum(applied => applied.Count));
            Assert.Equal(DatabaseMigrator.KnownScripts().Count, await fresh.ScalarAsync<long>($"SELECT count(*) FROM {DatabaseMigrator.JournalTable}"));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_orleans_providers_find_every_query_they_need()
    {
        var keys = await database.ScalarAsync<long>("SELECT count(*) FROM orleansquery");
        Assert.True(keys >= 21, $"only {keys} Orleans queries are stored");
    }
}
