namespace ArScale.Dunning;

public enum PromiseStatus
{
    Open,
    Kept,
    Broken,
}

/// <summary>
/// A promise to pay pauses dunning of its invoices until <see cref="Date"/> plus the policy's grace days.
/// Kept means payments dated no later than that, allocated to the promised invoices, reach <see cref="Amount"/>.
/// </summary>
public sealed class PaymentPromise
{
    public string Id { get; set; } = string.Empty;
    public DateOnly Date { get; set; }
    public Money Amount { get; set; }
    public List<string> InvoiceIds { get; set; } = [];
    public DateOnly MadeOn { get; set; }
    public PromiseStatus Status { get; set; }
    public List<PromiseReceipt> Receipts { get; set; } = [];
    public string Fingerprint { get; set; } = string.Empty;

    public decimal ReceivedBy(DateOnly deadline) => Receipts.Where(r => r.Date <= deadline).Sum(r => r.Amount);
}

public sealed record PromiseReceipt(string PaymentId, DateOnly Date, decimal Amount);
