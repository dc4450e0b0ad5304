namespace ArScale.Dunning;

public enum DisputeStatus
{
    Open,
    ResolvedForCustomer,
    ResolvedForLender,
}

/// <summary>An open dispute pauses dunning of its invoice; lost by the customer it resumes and counts against the score.</summary>
public sealed class Dispute
{
    public string Id { get; set; } = string.Empty;
    public string InvoiceId { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public DateOnly OpenedOn { get; set; }
    public DisputeStatus Status { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public decimal Credited { get; set; }
    public string? StatementId { get; set; }
    public string Fingerprint { get; set; } = string.Empty;
}
