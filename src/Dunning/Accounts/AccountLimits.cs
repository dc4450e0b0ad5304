namespace ArScale.Dunning;

/// <summary>
/// The bounds of one account, in one place: what a command may state, and how much history its grain state keeps.
/// A million accounts are held, so each one's state must stay small; older entries live on in the projections
/// (notice log, collection queue), not here. Ledger entities (invoices, payments, credit notes, write-offs, fees) are
/// never dropped: their ids must stay unique.
/// </summary>
public static class AccountLimits
{
    /// <summary>
    /// The largest amount one invoice, payment, credit note, write-off, promise or instalment may state: a trillion in
    /// the currency's major unit. Far above any real receivable, and far enough below decimal's range (7.9e28) that no
    /// sum over an account's items can overflow.
    /// </summary>
    public const decimal MaxItemAmount = 1_000_000_000_000m;

    /// <summary>
    /// The most one account may owe in one currency (unpaid invoices and fees), and the most credit it may hold in one:
    /// balances, aging and interest are sums over the account, and they must stay exact.
    /// </summary>
    public const decimal MaxAccountAmount = 1_000_000_000_000_000m;

    /// <summary>
    /// How long a command id is remembered (at least: entries are pruned only when a later command is accepted). Longer
    /// than any retry that can reach an account: a broker redelivery, a client retrying an Idempotency-Key, an
    /// operator replaying a month's error queue. Remembering by count instead let a burst of commands push out the id
    /// that a late retry still carried, and that retry then restored a stale profile.
    /// </summary>
    public const int CommandRetentionDays = 35;

    /// <summary>
    /// A ceiling for a runaway sender, not for retries: no real account sees ten thousand commands a month, and past it
    /// the oldest ids are forgotten even inside the window rather than the state growing without end.
    /// </summary>
    public const int MaxProcessedCommands = 10_000;

    public const int Notices = 100;
    public const int Escalations = 50;
    public const int Contacts = 100;
    public const int Notes = 50;
    public const int Statements = 12;
    public const int PauseChanges = 20;

    internal static void AddCapped<T>(List<T> list, T item, int cap)
    {
        list.Add(item);
        if (list.Count > cap)
        {
            list.RemoveRange(0, list.Count - cap);
        }
    }
}
