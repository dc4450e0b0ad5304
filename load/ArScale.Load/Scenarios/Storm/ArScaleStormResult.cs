using ArScale.Load.Infrastructure;
using ArScale.Load.Scenarios.Notifier;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>An ArScale storm: what the sink saw, where the time went, and what the database did.</summary>
public sealed record ArScaleStormResult(
    string RunId,
    TimeSpan WakeUpSpread,
    StormInstant Instant,
    StormFigures Figures,
    StormSteps Steps,
    IReadOnlyList<double> DecidedPerSecond,
    IReadOnlyDictionary<string, long> Statuses,
    DatabaseCounters Database,
    IReadOnlyList<LogFailures> LogFailures,
    StormSetUp SetUp)
{
    public long Sent => Statuses.GetValueOrDefault("Sent");

    public bool Passed => Figures.Passed && Sent == Figures.Accounts;
}

/// <summary>How long the set-up took (not measured), in seconds, and how long the system then sat idle until T0.</summary>
public sealed record StormSetUp(double ServicesSeconds, double CreateSeconds, double OpenSeconds, int Deactivated, double DeactivateSeconds, double TotalSeconds, double IdleBeforeDueSeconds)
{
    public double CreatePerSecond(int accounts) => CreateSeconds > 0 ? accounts / CreateSeconds : 0;
}
