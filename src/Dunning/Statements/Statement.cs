namespace ArScale.Dunning;

public enum StatementStatus
{
    Issued,
    Confirmed,
    Disputed,
}

/// <summary>A monthly-settlement reconciliation statement, as issued.</summary>
public sealed class Statement
{
    public string Id { get; set; } = string.Empty;
    public DateOnly Date { get; set; }
    public DateOnly PeriodStart { get; set; }
    public List<string> InvoiceIds { get; set; } = [];
    public StatementStatus Status { get; set; }
    public List<string> DisputedInvoiceIds { get; set; } = [];
}
