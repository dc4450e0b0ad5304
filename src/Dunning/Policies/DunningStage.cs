namespace ArScale.Dunning;

/// <summary>One step of a policy, anchored on each item's due date (negative offsets come before it).</summary>
public sealed record DunningStage(
    string Name,
    int OffsetDays,
    StageConditions Conditions,
    IReadOnlyList<Channel> Channels,
    string? TemplateKey,
    IReadOnlyList<StageAction> Actions)
{
    /// <summary>The first day past due on which the stage may fire: its offset, or later if a condition says so.</summary>
    public int EffectiveDay => Math.Max(OffsetDays, Conditions.MinDaysPastDue ?? int.MinValue);

    public bool Stops => Actions.Any(a => a is StopDunning);
}
