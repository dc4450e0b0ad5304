using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>One Hangfire baseline storm: its variant, what the sink saw, Hangfire's own counts at the end, and the set-up.</summary>
public sealed record HangfireStormResult(
    string RunId, BaselineVariant Variant, StormInstant Instant, StormFigures Figures, HangfireCounts Counts,
    double ServicesSeconds, double ScheduleSeconds, double MoveSeconds, double IdleBeforeDueSeconds)
{
    public bool Passed => Figures.Passed;

    public int Workers => Variant.Workers;

    /// <summary>How long each job held its worker on average: workers × storm seconds / jobs.</summary>
    public double JobMilliseconds => Figures.LastSeconds is { } last && Figures.Delivery.Distinct > 0 ? Workers * last * 1000 / Figures.Delivery.Distinct : 0;
}
