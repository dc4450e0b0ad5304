namespace ArScale.Dunning;

/// <summary>
/// Decides what an account owes its customer and its collectors at an instant. A pure function of
/// (account, policy, now); nothing changes until the decision is applied with <see cref="Account.Apply"/>.
/// </summary>
/// <remarks>
/// The rules, in short (src/Dunning/DUNNING.md has the long form):
/// <list type="bullet">
/// <item>Each dunnable item (an invoice, or one instalment) walks the stages anchored on its own due date.
/// Progress is stored per item as the offset reached, so a partial payment keeps the item where it was, an
/// untargeted payment that settles the oldest item leaves the next-oldest on its own schedule, and nothing fires twice.</item>
/// <item>An item fires only the most advanced stage it has reached and not yet passed; stages whose time came
/// while the system was down, dunning was paused, a promise or a dispute held it, are skipped with their fees.
/// The stage that fires applies all of its own actions once.</item>
/// <item>Stages fire only inside the account's local send window; items firing together share one notice per
/// stage and channel.</item>
/// </list>
/// </remarks>
public static class PolicyEvaluator
{
    public static DunningDecision Evaluate(Account account, DunningPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(policy);
        return new Evaluation(account, policy, now).Decide();
    }

    /// <summary>Where one item stands: the stage it reached and when its next stage is due (send window applied).</summary>
    public static ItemOutlook Outlook(Account account, DunningPolicy policy, DunnableItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(item);
        return new Evaluation(account, policy, now).Outlook(item);
    }
}

public sealed record ItemOutlook(string? ReachedStage, string? NextStage, DateTimeOffset? NextStageAt, string? PausedBecause);
