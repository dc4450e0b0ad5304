namespace ArScale.Dunning;

public enum StatementLineKind
{
    Invoice,
    Payment,
    CreditNote,
    WriteOff,
    Fee,
}

public sealed record StatementLine(StatementLineKind Kind, string Id, DateOnly Date, Money Amount, string? InvoiceId);
