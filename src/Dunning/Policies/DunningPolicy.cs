namespace ArScale.Dunning;

/// <summary>A named, versioned dunning policy: data, validated when loaded by <see cref="PolicyLoader"/>.</summary>
public sealed record DunningPolicy(
    string Name,
    int Version,
    Segment? Segment,
    SendWindow SendWindow,
    IReadOnlyList<DunningStage> Stages,
    PromiseSettings Promises,
    RiskSettings Risk)
{
    public string Key => $"{Name}@v{Version}";
}
