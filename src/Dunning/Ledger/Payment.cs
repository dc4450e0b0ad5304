namespace ArScale.Dunning;

public sealed class Payment
{
    public string Id { get; set; } = string.Empty;
    public Money Amount { get; set; }
    public DateOnly Date { get; set; }
    public string? InvoiceId { get; set; }
    public List<Allocation> Allocations { get; set; } = [];
    public string Fingerprint { get; set; } = string.Empty;
}
