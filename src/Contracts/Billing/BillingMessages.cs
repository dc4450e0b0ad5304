using System.Text.Json.Serialization;

namespace ArScale.Contracts.Billing;

/// <summary>
/// An invoice a billing system publishes to RabbitMQ instead of calling the HTTP API. Applied through the
/// same path; the invoice id makes a redelivery harmless. Amounts are decimal with their ISO 4217 code.
/// The issue date is required: left out, it would read as 0001-01-01 and put the invoice straight into the
/// worst stage; such a message is refused to the error queue instead. Without a due date the account's payment
/// terms set it, as over HTTP.
/// </summary>
public sealed record InvoiceIssued(
    string AccountId,
    string InvoiceId,
    decimal Amount,
    string Currency,
    [property: JsonRequired] DateOnly IssueDate,
    DateOnly? DueDate = null);

/// <summary>A payment a billing system publishes; without an invoice id it settles the oldest due items first. The date is required.</summary>
public sealed record PaymentReceived(
    string AccountId,
    string PaymentId,
    decimal Amount,
    string Currency,
    [property: JsonRequired] DateOnly Date,
    string? InvoiceId = null);
