namespace ArScale.Dunning;

internal sealed partial class Evaluation
{
    /// <summary>
    /// A warning is raised when a condition turns on, and not again until it has turned off and on again.
    /// Exposure is compared in the credit limit's currency only: the domain does no currency conversion.
    /// </summary>
    private RiskFlags AssessRisk()
    {
        var score = CurrentScore();
        var below = score < policy.Risk.ScoreWarningBelow;
        var limit = profile!.CreditLimit;
        var exposure = limit is { } l ? account.BalanceIn(l.Currency) : (Money?)null;
        var over = limit is not null && exposure!.Value.Amount > limit.Value.Amount;

        if (below && !state.Risk.ScoreBelowThreshold)
        {
            warnings.Add(new RiskWarning(
                DunningIds.Risk(account.Id, RiskKind.ScoreBelowThreshold, today),
                RiskKind.ScoreBelowThreshold, score, exposure, limit,
                $"credit score {score} fell below {policy.Risk.ScoreWarningBelow}"));
        }

        if (over && !state.Risk.OverCreditLimit)
        {
            warnings.Add(new RiskWarning(
                DunningIds.Risk(account.Id, RiskKind.OverCreditLimit, today),
                RiskKind.OverCreditLimit, score, exposure, limit,
                $"exposure {exposure} exceeds the credit limit {limit}"));
        }

        return new RiskFlags(below, over);
    }

    public int CurrentScore()
    {
        var oldest = account.OpenItems()
            .Where(i => !account.HasOpenDispute(i.InvoiceId))
            .Select(i => i.DaysPastDue(today))
            .DefaultIfEmpty(0)
            .Max();
        return CreditScore.Calculate(state.History, oldest);
    }
}
