namespace ArScale.Dunning;

/// <summary>
/// How far dunning has gone for one item. Kept as the offset reached, not a stage index, so a new version of
/// the policy with other stages still continues from the same point instead of repeating or skipping.
/// </summary>
public sealed record StageProgress(int ReachedOffset, string ReachedStage, DateOnly ReachedOn, bool Stopped);
