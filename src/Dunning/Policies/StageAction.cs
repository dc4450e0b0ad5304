namespace ArScale.Dunning;

/// <summary>Something a stage does besides sending its notice. Applied once per item (fees) or once per firing (escalations).</summary>
public abstract record StageAction;

/// <summary>A fixed fee per dunned item, by currency; an item in a currency not listed gets no flat fee.</summary>
public sealed record FlatFee(IReadOnlyDictionary<string, decimal> Amounts) : StageAction;

/// <summary>A percentage of the item's unpaid amount when the stage fires.</summary>
public sealed record PercentageFee(decimal Percent) : StageAction;

/// <summary>
/// Simple interest at an annual rate, Actual/365, on the item's unpaid amount from its due date to the day the
/// stage fires. It is charged once, when the stage fires; it does not keep accruing afterwards.
/// </summary>
public sealed record DailyInterest(decimal AnnualRatePercent) : StageAction;

public enum CollectorTaskMode
{
    Assign,
    Notify,
}

/// <summary>Gives the account's collector a task (or a notification) with a follow-up deadline.</summary>
public sealed record CollectorTask(CollectorTaskMode Mode, int FollowUpDays) : StageAction;

/// <summary>Hands the items to legal; a policy must stop dunning in the same stage.</summary>
public sealed record LegalEscalation : StageAction;

/// <summary>No later stage fires for the item.</summary>
public sealed record StopDunning : StageAction;
