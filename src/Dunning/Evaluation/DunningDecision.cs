namespace ArScale.Dunning;

/// <summary>
/// What is due for an account at one instant. Pure output of <see cref="PolicyEvaluator.Evaluate"/>; it changes
/// nothing until the grain hands it to <see cref="Account.Apply"/>. Every id in it is deterministic, so a decision
/// computed twice (a reminder firing twice) carries the same ids and the second application is a no-op.
/// </summary>
public sealed record DunningDecision(
    string AccountId,
    DateTimeOffset EvaluatedAt,
    string PolicyKey,
    IReadOnlyList<NoticeDue> Notices,
    IReadOnlyList<FeeDue> Fees,
    IReadOnlyList<EscalationDue> Escalations,
    IReadOnlyList<StageReached> StagesReached,
    IReadOnlyList<PromiseResolved> Promises,
    IReadOnlyList<StatementDue> Statements,
    IReadOnlyList<RiskWarning> RiskWarnings,
    RiskFlags Risk,
    DateTimeOffset? NextActionAt)
{
    /// <summary>True when applying the decision changes the account (or something must be published).</summary>
    public bool HasEffects(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Notices.Count + Fees.Count + Escalations.Count + StagesReached.Count + Promises.Count + Statements.Count + RiskWarnings.Count > 0
            || Risk != account.State.Risk;
    }
}
