namespace ArScale.Dunning;

/// <param name="DunningPaused">No stage fires; stages missed while paused are caught up once (the latest only) on resume.</param>
/// <param name="DoNotContact">No notice goes to the customer; fees and internal escalations still apply.</param>
/// <param name="AutoPay">The lender collects by direct debit: no stage fires. Upstream clears the flag when a debit fails.</param>
public sealed record AccountFlags(bool DunningPaused = false, bool DoNotContact = false, bool AutoPay = false)
{
    public static AccountFlags None { get; } = new();
}
