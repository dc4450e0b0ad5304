namespace ArScale.Dunning;

/// <summary>Which risk conditions currently hold; a warning is raised only when one turns on.</summary>
public sealed record RiskFlags(bool ScoreBelowThreshold = false, bool OverCreditLimit = false)
{
    public static RiskFlags None { get; } = new();
}
