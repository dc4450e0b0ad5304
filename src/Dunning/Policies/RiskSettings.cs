namespace ArScale.Dunning;

/// <param name="ScoreWarningBelow">A risk warning is raised when the credit score falls below this.</param>
public sealed record RiskSettings(int ScoreWarningBelow)
{
    public static RiskSettings Default { get; } = new(500);
}
