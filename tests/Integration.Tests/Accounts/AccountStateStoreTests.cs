using ArScale.ServiceDefaults.Batching;
using ArScale.Silo.Accounts;
using ArScale.Silo.Storage;
using Npgsql;
using Orleans.Storage;

namespace ArScale.Integration.Tests.Accounts;

/// <summary>The batched account storage on a real PostgreSQL: the ETag holds per grain inside a shared statement.</summary>
public sealed class AccountStateStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private AccountStateStore store = null!;

    public Task InitializeAsync()
    {
        store = new AccountStateStore(NpgsqlDataSource.Create(database.ConnectionString), "store-tests", new CoalescerOptions { MaxBatch = 64, Flushers = 2 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task An_account_never_written_reads_as_new_state_without_an_etag()
    {
        var state = new GrainState<AccountGrainState>();

        await store.ReadStateAsync("account", Account("never-written"), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Empty(state.State!.Outbox);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_writes_are_each_stored_with_their_own_version_and_read_back()
    {
        var ids = Enumerable.Range(0, 300).Select(index => $"many-{Guid.NewGuid():N}-{index}").ToList();
        var states = ids.Select(id => new GrainState<AccountGrainState>(new AccountGrainState { Version = 7 })).ToList();

        await Task.WhenAll(ids.Select((id, index) => store.WriteStateAsync("account", Account(id), states[index])));
        await Task.WhenAll(ids.Select((id, index) => store.WriteStateAsync("account", Account(id), states[index])));

        Assert.All(states, state => Assert.Equal("2", state.ETag));
        var read = ids.Select(_ => new GrainState<AccountGrainState>()).ToList();
        await Task.WhenAll(ids.Select((id, index) => store.ReadStateAsync("account", Account(id), read[index])));
        Assert.All(read, state => Assert.Equal(("2", 7L, true), (state.ETag, state.State!.Version, state.RecordExists)));
        var (writes, writeStatements, _, _) = store.Batching;
        Assert.True(writeStatements < writes, $"{writes} writes took {writeStatements} statements");
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_alone_and_changes_nothing()
    {
        var id = $"stale-{Guid.NewGuid():N}";
        var other = $"other-{Guid.NewGuid():N}";
        var current = new GrainState<AccountGrainState>(new AccountGrainState { Version = 1 });
        await store.WriteStateAsync("account", Account(id), current);
        var stale = new GrainState<AccountGrainState>(new AccountGrainState { Version = 99 }) { ETag = current.ETag };
        await store.WriteStateAsync("account", Account(id), current);

        var bystander = store.WriteStateAsync("account", Account(other), new GrainState<AccountGrainState>(new AccountGrainState()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteStateAsync("account", Account(id), stale));
        await bystander;

        var read = new GrainState<AccountGrainState>();
        await store.ReadStateAsync("account", Account(id), read);
        Assert.Equal(("2", 1L), (read.ETag, read.State!.Version));
    }

    [Fact]
    public async Task Two_first_writes_of_one_account_cannot_both_succeed()
    {
        var id = $"first-{Guid.NewGuid():N}";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await store.WriteStateAsync("account", Account(id), new GrainState<AccountGrainState>(new AccountGrainState()));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(succeeded => succeeded));
    }

    [Fact]
    public async Task A_cleared_account_keeps_its_version_and_reads_as_no_record()
    {
        var id = $"cleared-{Guid.NewGuid():N}";
        var state = new GrainState<AccountGrainState>(new AccountGrainState { Version = 3 });
        await store.WriteStateAsync("account", Account(id), state);

        await store.ClearStateAsync("account", Account(id), state);

        var read = new GrainState<AccountGrainState>();
        await store.ReadStateAsync("account", Account(id), read);
        Assert.Equal(("2", false), (read.ETag, read.RecordExists));
    }

    private static GrainId Account(string id) => GrainId.Create("account", id);
}
