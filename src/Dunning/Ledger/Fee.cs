using System.Text.Json.Serialization;

namespace ArScale.Dunning;

public enum FeeKind
{
    FlatFee,
    PercentageFee,
    Interest,
}

/// <summary>A fee posted by a dunning stage. Its id is deterministic, which is what makes posting it idempotent.</summary>
public sealed class Fee
{
    public string Id { get; set; } = string.Empty;
    public string InvoiceId { get; set; } = string.Empty;
    public string ItemId { get; set; } = string.Empty;
    public string Stage { get; set; } = string.Empty;
    public FeeKind Kind { get; set; }
    public Money Amount { get; set; }
    public DateOnly PostedOn { get; set; }
    public decimal Paid { get; set; }

    [JsonIgnore]
    public decimal Outstanding => Amount.Amount - Paid;
}
