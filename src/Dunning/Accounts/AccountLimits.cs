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
    /// How far back an issue, payment, credit note or write-off date may lie: ten years covers the statutory
    /// retention of commercial records; anything older is a typo (0001-01-01), and would go straight to legal.
    /// </summary>
    public const int MaxYearsBack = 10;

    /// <summary>How far ahead an invoice may be dated: pro-forma and scheduled invoices, not a century-long typo.</summary>
    public const int MaxYearsAheadOfIssue = 1;

    /// <summary>How long after its issue date an invoice (or its last instalment) may fall due.</summary>
    public const int MaxYearsToDue = 10;

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

    /// <summary>The earliest issue, payment, credit note or write-off date accepted on <paramref name="today"/>.</summary>
    internal static DateOnly EarliestDate(DateOnly today) => YearsFrom(today, -MaxYearsBack);

    internal static DateOnly LatestIssueDate(DateOnly today) => YearsFrom(today, MaxYearsAheadOfIssue);

    internal static DateOnly LatestDueDate(DateOnly issueDate) => YearsFrom(issueDate, MaxYearsToDue);

    // Stored dates predate these bounds, so even 9999-12-31 must give a date, not an exception.
    private static DateOnly YearsFrom(DateOnly day, int years) =>
        day.Year + years > DateOnly.MaxValue.Year ? DateOnly.MaxValue
        : day.Year + years < DateOnly.MinValue.Year ? DateOnly.MinValue
        : day.AddYears(years);

    internal static void AddCapped<T>(List<T> list, T item, int cap)
    {
        list.Add(item);
        if (list.Count > cap)
        {
            list.RemoveRange(0, list.Count - cap);
        }
    }
}
