namespace ArScale.Dunning;

public enum RiskKind
{
    ScoreBelowThreshold,
    OverCreditLimit,
}

public sealed record RiskWarning(string Id, RiskKind Kind, int Score, Money? Exposure, Money? CreditLimit, string Message);
