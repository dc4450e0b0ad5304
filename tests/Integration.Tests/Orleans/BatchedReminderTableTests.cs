using ArScale.ServiceDefaults.Batching;
using ArScale.Silo.Reminders;
using Npgsql;

namespace ArScale.Integration.Tests.Orleans;

/// <summary>The silo's reminder table on a real PostgreSQL: registrations share statements, each keeps its own ETag.</summary>
public sealed class BatchedReminderTableTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private BatchedReminderTable table = null!;

    public Task InitializeAsync()
    {
        table = new BatchedReminderTable(NpgsqlDataSource.Create(database.ConnectionString), $"reminders-{Guid.NewGuid():N}", new CoalescerOptions { MaxBatch = 64, Flushers = 2 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await table.DisposeAsync();

    [Fact]
    public async Task Hundreds_of_concurrent_registrations_are_each_stored_and_found_in_their_ring_range()
    {
        var start = new DateTime(2026, 12, 10, 9, 0, 0, DateTimeKind.Utc);
        var grains = Enumerable.Range(0, 400).Select(index => GrainId.Create("account", $"ring-{index}")).ToList();

        var etags = await Task.WhenAll(grains.Select(grain => table.UpsertRow(Entry(grain, start))));
        var again = await Task.WhenAll(grains.Take(10).Select(grain => table.UpsertRow(Entry(grain, start.AddDays(7)))));

        Assert.All(etags, etag => Assert.Equal("1", etag));
        Assert.All(again, etag => Assert.Equal("2", etag));
        // Four quarters of the ring, one of them wrapping past the top, hold every row once.
        var quarters = new (uint Begin, uint End)[] { (0xC000_0000, 0x4000_0000), (0x4000_0000, 0x8000_0000), (0x8000_0000, 0xA000_0000), (0xA000_0000, 0xC000_0000) };
        var found = new List<ReminderEntry>();
        foreach (var (begin, end) in quarters)
        {
            found.AddRange((await table.ReadRows(begin, end)).Reminders);
        }

        Assert.Equal(grains.Order(), found.Select(entry => entry.GrainId).Order());
        Assert.All(found, entry => Assert.Equal(TimeSpan.FromMinutes(5), entry.Period));
        var moved = await table.ReadRow(grains[0], "dunning");
        Assert.Equal((start.AddDays(7), "2"), (moved!.StartAt, moved.ETag));
    }

    [Fact]
    public async Task A_removal_needs_the_current_etag_and_a_removed_reminder_reads_as_none()
    {
        var grain = GrainId.Create("account", $"remove-{Guid.NewGuid():N}");
        var etag = await table.UpsertRow(Entry(grain, DateTime.UtcNow));

        Assert.False(await table.RemoveRow(grain, "dunning", "999"));
        Assert.True(await table.RemoveRow(grain, "dunning", etag!));

        Assert.Null(await table.ReadRow(grain, "dunning"));
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grain, DateTime start) =>
        new() { GrainId = grain, ReminderName = "dunning", StartAt = start, Period = TimeSpan.FromMinutes(5) };
}
