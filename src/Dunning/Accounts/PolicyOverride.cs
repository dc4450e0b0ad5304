namespace ArScale.Dunning;

/// <summary>Pins an account to a named policy instead of its segment's; without a version the latest one applies.</summary>
public sealed record PolicyOverride(string Name, int? Version = null);
