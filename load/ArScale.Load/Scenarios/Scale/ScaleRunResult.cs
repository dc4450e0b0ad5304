using ArScale.Load.Scenarios.Storm;

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
    RangeReadCost RangeRead,
    ScaleSliceResult? Slice)
{
    /// <summary>The memory this silo may use with every account pending, per the design target.</summary>
    public const long MemoryBudget = 2L * 1024 * 1024 * 1024;

    public long PendingReminders => Storage.RowsOf("orleans_reminder");

    public double RefreshesInRest => RestWallSeconds / Settings.RefreshPeriod.TotalSeconds;

    /// <summary>Every account stored, each with its pending reminder.</summary>
    public bool Stored => Storage.RowsOf("account_state") == Settings.Accounts && PendingReminders == Settings.Accounts;

    /// <summary>Every account stored with its reminder, and the slice's storm delivered each notice exactly once.</summary>
    public bool Passed => Stored && (Slice is null || Slice.Storm.Passed);

    /// <summary>At rest when the rest was watched, else right after creation (a stricter figure: recent accounts still resident).</summary>
    public bool WithinMemoryBudget => (ResidentAtRest ?? ResidentAfterCreation) <= MemoryBudget;
}

/// <summary>The storm on a slice of the accounts, and how many accounts were still in memory before it.</summary>
/// <param name="InMemoryBefore">Account grains active when the slice's set-up began (all of them when the rest window was skipped), deactivated first.</param>
public sealed record ScaleSliceResult(int InMemoryBefore, double DeactivateSeconds, ArScaleStormResult Storm);
