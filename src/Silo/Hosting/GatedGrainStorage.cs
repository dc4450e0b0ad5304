using Orleans.Storage;

namespace ArScale.Silo.Hosting;

/// <summary>
/// A grain storage that lets at most <see cref="StorageGate"/>'s number of operations reach the storage at once; the
/// rest wait their turn in memory. Orleans activates grains without limit: a reminder storm wakes 100,000 accounts in
/// the same second, each reading its state first. Without the gate those reads queue for the connection pool instead,
/// and every read that waits past the pool's timeout fails its activation, and the reminder tick with it.
/// </summary>
public sealed class GatedGrainStorage(IGrainStorage inner, StorageGate gate) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var turn = await gate.EnterAsync();
        await inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var turn = await gate.EnterAsync();
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var turn = await gate.EnterAsync();
        await inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>The ADO.NET storage initializes itself in the silo's lifecycle: it keeps doing so behind the gate.</summary>
    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }
}
