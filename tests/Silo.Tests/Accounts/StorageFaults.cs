using System.Collections.Concurrent;
using Orleans.Storage;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>Storage failures a test asks for, one account at a time, so that no other test's grain meets them.</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<string, int> writesToFail = new(StringComparer.Ordinal);

    public void FailNextWrite(string accountId) => writesToFail.AddOrUpdate(accountId, 1, (_, count) => count + 1);

    internal bool TakeWriteFailure(GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        while (writesToFail.TryGetValue(key, out var count))
        {
            if (writesToFail.TryUpdate(key, count - 1, count))
            {
                if (count == 1)
                {
                    writesToFail.TryRemove(new KeyValuePair<string, int>(key, 0));
                }

                return true;
            }
        }

        return false;
    }
}

/// <summary>The account storage, failing a write when <see cref="StorageFaults"/> says so, before the write reaches it.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.TakeWriteFailure(grainId)
            ? throw new InvalidOperationException("storage unreachable (test)")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }
}
