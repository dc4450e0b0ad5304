namespace ArScale.Dunning;

/// <param name="GraceDays">Days after the promised date during which a payment still keeps the promise.</param>
/// <param name="BrokenPromiseStage">Fired once for a broken promise, its offset is ignored; null means dunning simply resumes.</param>
public sealed record PromiseSettings(int GraceDays, DunningStage? BrokenPromiseStage)
{
    public static PromiseSettings Default { get; } = new(0, null);
}
