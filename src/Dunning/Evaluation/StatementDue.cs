namespace ArScale.Dunning;

/// <summary>A monthly-settlement reconciliation statement to send, covering (PeriodStart, Date].</summary>
public sealed record StatementDue(
    string Id,
    DateOnly Date,
    DateOnly PeriodStart,
    IReadOnlyList<StatementLine> Lines,
    IReadOnlyList<string> OpenInvoiceIds,
    IReadOnlyList<Money> Balances,
    IReadOnlyList<string> Recipients,
    string Locale);
