namespace ArScale.Dunning;

public sealed class WriteOff
{
    public string Id { get; set; } = string.Empty;
    public string InvoiceId { get; set; } = string.Empty;
    public Money Amount { get; set; }
    public DateOnly Date { get; set; }
    public string Reason { get; set; } = string.Empty;
    public string Fingerprint { get; set; } = string.Empty;
}
