namespace ArScale.TestGrains;

/// <summary>A counter kept in the real grain store: enough to see state written, read back and survive restarts.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Current();
    Task Deactivate();
}

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public int Count { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe", "accounts")] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    async Task<int> IProbeGrain.Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    Task<int> IProbeGrain.Current() => Task.FromResult(state.State.Count);

    Task IProbeGrain.Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
