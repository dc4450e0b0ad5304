using ArScale.Silo.Accounts;
using ArScale.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace ArScale.Silo.Tests.Hosting;

/// <summary>A storm of activations reaches the storage a few at a time, and every one of them is served.</summary>
public sealed class GatedGrainStorageTests
{
    [Fact]
    public async Task No_more_operations_than_the_gate_allows_reach_the_storage_at_once_and_none_is_refused()
    {
        var storage = new SlowStorage();
        using var gate = new StorageGate(Options.Create(new DunningOptions { MaxConcurrentStorageOperations = 4 }));
        var gated = new GatedGrainStorage(storage, gate);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(index => index % 2 == 0
            ? gated.ReadStateAsync("account", GrainId.Create("account", $"a-{index}"), new GrainState<string>())
            : gated.WriteStateAsync("account", GrainId.Create("account", $"a-{index}"), new GrainState<string>("state"))));

        Assert.Equal(200, storage.Operations);
        Assert.Equal(4, storage.MostAtOnce);
    }

    [Fact]
    public async Task A_failed_operation_gives_its_turn_back()
    {
        var storage = new SlowStorage { Fail = true };
        using var gate = new StorageGate(Options.Create(new DunningOptions { MaxConcurrentStorageOperations = 1 }));
        var gated = new GatedGrainStorage(storage, gate);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => gated.ReadStateAsync("account", GrainId.Create("account", "a-1"), new GrainState<string>()));
        }

        Assert.Equal(3, storage.Operations);
    }

    private sealed class SlowStorage : IGrainStorage
    {
        private int current;
        private int mostAtOnce;
        private int operations;

        public bool Fail { get; init; }

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public int Operations => Volatile.Read(ref operations);

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WorkAsync();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WorkAsync();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => WorkAsync();

        private async Task WorkAsync()
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while (now > (seen = Volatile.Read(ref mostAtOnce)) && Interlocked.CompareExchange(ref mostAtOnce, now, seen) != seen)
            {
            }

            Interlocked.Increment(ref operations);
            await Task.Delay(2);
            Interlocked.Decrement(ref current);
            if (Fail)
            {
                throw new InvalidOperationException("storage down");
            }
        }
    }
}
