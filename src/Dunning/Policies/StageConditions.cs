namespace ArScale.Dunning;

/// <param name="MinDaysPastDue">The stage waits until the item is at least this many days past due.</param>
/// <param name="MinAmountOverdue">The stage is passed over for an item whose unpaid amount is below this, in the item's currency.</param>
public sealed record StageConditions(int? MinDaysPastDue = null, decimal? MinAmountOverdue = null)
{
    public static StageConditions None { get; } = new();

    public bool AllowsAmount(decimal unpaid) => MinAmountOverdue is not { } min || unpaid >= min;
}
