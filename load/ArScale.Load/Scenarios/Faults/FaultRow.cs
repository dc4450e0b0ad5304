namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One line of <c>faults.md</c>: the fault, when it hit (seconds after T0), the load it hit, how long after it the
/// last e-mail arrived, and the ground truth. 5xx counts the HTTP server errors of faults that drive the Gateway;
/// null where the fault sends no HTTP.
/// </summary>
public sealed record FaultRow(
    string Fault,
    string How,
    int Accounts,
    double HitSeconds,
    long LoadHeld,
    double? RecoverySeconds,
    long Lost,
    long Duplicated,
    long AllowedDuplicates,
    long Failed,
    long? ServerErrors,
    IReadOnlyList<string> Failures,
    string Note,
    IReadOnlyList<double> PerSecond,
    DateTimeOffset RanAt)
{
    public bool Passed => Failures.Count == 0;
}
