namespace ArScale.Load.Baseline.Invoices;

/// <summary>An open invoice and what its reminder needs: whom to write to, how much, and when it falls due.</summary>
public sealed record Invoice(
    string InvoiceId,
    string AccountId,
    string CustomerName,
    string Email,
    decimal Amount,
    string Currency,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    string Locale,
    string TimeZone);
