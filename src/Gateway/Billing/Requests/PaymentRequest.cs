using ArScale.Dunning;

namespace ArScale.Gateway.Billing.Requests;

/// <summary>A payment received; without an invoice id it settles the oldest due items first.</summary>
public sealed record PaymentRequest(string AccountId, string PaymentId, decimal Amount, string Currency, DateOnly Date, string? InvoiceId = null)
    : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() =>
        InvoiceId is null ? [("accountId", AccountId), ("paymentId", PaymentId)] : [("accountId", AccountId), ("paymentId", PaymentId), ("invoiceId", InvoiceId)];

    public AccountWrite ToWrite() => new(AccountId, new RecordPayment($"payment:{PaymentId}", PaymentId, new Money(Amount, Currency), Date, InvoiceId));
}

public sealed record CreditNoteRequest(string CreditNoteId, decimal Amount, string Currency, DateOnly Date, string Reason, string? InvoiceId = null)
    : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() =>
        InvoiceId is null ? [("creditNoteId", CreditNoteId)] : [("creditNoteId", CreditNoteId), ("invoiceId", InvoiceId)];

    public IssueCreditNote ToCommand() => new($"credit-note:{CreditNoteId}", CreditNoteId, new Money(Amount, Currency), Date, Reason, InvoiceId);
}

/// <summary>Writing off bad debt ends dunning for the invoice; without an amount everything still unpaid is written off.</summary>
public sealed record WriteOffRequest(string WriteOffId, string InvoiceId, DateOnly Date, string Reason, decimal? Amount = null, string? Currency = null)
    : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("writeOffId", WriteOffId), ("invoiceId", InvoiceId)];

    public WriteOffInvoice ToCommand() => new(
        $"write-off:{WriteOffId}", WriteOffId, InvoiceId, Date, Reason, Amount is { } amount ? new Money(amount, Currency ?? "") : null);
}
