using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>The Hangfire baseline's storm: what the sink saw, Hangfire's own counts at the end, and the set-up.</summary>
public sealed record HangfireStormResult(
    string RunId, StormInstant Instant, StormFigures Figures, HangfireCounts Counts, int Workers, double ServicesSeconds, double ScheduleSeconds, double MoveSeconds, double IdleBeforeDueSeconds)
{
    public bool Passed => Figures.Passed;

    /// <summary>How long each job held its worker on average: workers × storm seconds / jobs.</summary>
    public double JobMilliseconds => Figures.LastSeconds is { } last && Figures.Delivery.Distinct > 0 ? Workers * last * 1000 / Figures.Delivery.Distinct : 0;
}
