namespace ArScale.Contracts.Billing;

/// <summary>
/// An invoice a billing system publishes to RabbitMQ instead of calling the HTTP API. Applied through the
/// same path; the invoice id makes a redelivery harmless. Amounts are decimal with their ISO 4217 code.
/// </summary>
public sealed record InvoiceIssued(
    string AccountId,
    string InvoiceId,
    decimal Amount,
    string Currency,
    DateOnly IssueDate,
    DateOnly? DueDate = null);

/// <summary>A payment a billing system publishes; without an invoice id it settles the oldest due items first.</summary>
public sealed record PaymentReceived(
    string AccountId,
    string PaymentId,
    decimal Amount,
    string Currency,
    DateOnly Date,
    string? InvoiceId = null);
