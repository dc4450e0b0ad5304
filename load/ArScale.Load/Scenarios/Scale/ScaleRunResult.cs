namespace ArScale.Load.Scenarios.Scale;

/// <summary>The figures of one scale run.</summary>
public sealed record ScaleRunResult(
    ScaleSettings Settings,
    double CreationSeconds,
    double AccountsPerSecond,
    long ResidentAfterCreation,
    long? ResidentAtRest,
    IReadOnlyList<MemorySample> Memory,
    double RestCpuSeconds,
    double RestWallSeconds,
    DatabaseSize Storage,
    RangeReadCost RangeRead)
{
    /// <summary>The memory this silo may use with every account pending, per the design target.</summary>
    public const long MemoryBudget = 2L * 1024 * 1024 * 1024;

    public long PendingReminders => Storage.RowsOf("orleans_reminder");

    public double RefreshesInRest => RestWallSeconds / Settings.RefreshPeriod.TotalSeconds;

    /// <summary>Every account stored, each with its pending reminder.</summary>
    public bool Passed => Storage.RowsOf("orleans_grain_state") == Settings.Accounts && PendingReminders == Settings.Accounts;

    /// <summary>At rest when the rest was watched, else right after creation (a stricter figure: recent accounts still resident).</summary>
    public bool WithinMemoryBudget => (ResidentAtRest ?? ResidentAfterCreation) <= MemoryBudget;
}
