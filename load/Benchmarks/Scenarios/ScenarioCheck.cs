using ArScale.Dunning;

namespace ArScale.Benchmarks.Scenarios;

/// <summary>A benchmark of the wrong scenario measures nothing; these fail the run instead.</summary>
public static class ScenarioCheck
{
    public static void StageIsDue(Account account, DunningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(account);
        var decision = PolicyEvaluator.Evaluate(account, policy, OverdueAccount.Now);
        if (decision.Notices.Count == 0 || decision.StagesReached.Count == 0)
        {
            throw new InvalidOperationException($"{account.Id}: no stage is due at {OverdueAccount.Now:O}.");
        }
    }

    public static void NothingIsDue(Account account, DunningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(account);
        var decision = PolicyEvaluator.Evaluate(account, policy, OverdueAccount.Now);
        if (decision.HasEffects(account) || decision.NextActionAt is null)
        {
            throw new InvalidOperationException($"{account.Id}: something is still due at {OverdueAccount.Now:O}.");
        }
    }
}
