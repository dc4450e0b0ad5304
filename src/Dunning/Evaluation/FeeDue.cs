namespace ArScale.Dunning;

public sealed record FeeDue(string Id, string InvoiceId, string ItemId, string Stage, FeeKind Kind, Money Amount, DateOnly PostedOn);
