namespace ArScale.Dunning;

/// <summary>
/// An operator's pause of all dunning on the account. It is kept apart from the profile's
/// <see cref="AccountFlags.DunningPaused"/> flag, which belongs to the billing system: a profile sent again by a
/// nightly sync must not lift a collector's pause, and a collector's resume must not lift the billing system's.
/// </summary>
public sealed record DunningPause(string Reason, string By, DateTimeOffset Since);

/// <summary>One pause or resume, for the account's history: who, when and why.</summary>
public sealed record DunningPauseChange(string CommandId, bool Paused, string? Reason, string By, DateTimeOffset At);
