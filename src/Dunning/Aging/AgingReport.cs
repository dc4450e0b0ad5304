namespace ArScale.Dunning;

/// <summary>Unpaid amounts of one currency by days past due (disputed items included: they are still owed).</summary>
public sealed record AgingBuckets(string Currency, decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90)
{
    public decimal Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90;
}

public static class AgingReport
{
    public static IReadOnlyList<AgingBuckets> Of(Account account, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(account);
        return
        [
            .. account.OpenItems()
                .GroupBy(i => i.Currency, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AgingBuckets(
                    g.Key,
                    Sum(g, int.MinValue, 0),
                    Sum(g, 1, 30),
                    Sum(g, 31, 60),
                    Sum(g, 61, 90),
                    Sum(g, 91, int.MaxValue))),
        ];

        decimal Sum(IEnumerable<DunnableItem> items, int from, int to) =>
            items.Where(i => i.DaysPastDue(today) >= from && i.DaysPastDue(today) <= to).Sum(i => i.Outstanding.Amount);
    }
}
