using ArScale.Dunning;

namespace ArScale.Gateway.Billing.Requests;

/// <summary>An invoice as a billing system sends it. The invoice id is the write's id: sending it again is harmless.</summary>
public sealed record InvoiceRequest(
    string InvoiceId,
    decimal Amount,
    string Currency,
    DateOnly IssueDate,
    DateOnly? DueDate = null,
    IReadOnlyList<InstalmentRequest>? Instalments = null) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("invoiceId", InvoiceId)];

    public IssueInvoice ToCommand() => new(
        $"invoice:{InvoiceId}", InvoiceId, new Money(Amount, Currency), IssueDate, DueDate,
        Instalments?.Select(instalment => instalment.ToSpec()).ToList());
}

public sealed record InstalmentRequest(DateOnly DueDate, decimal Amount)
{
    public InstalmentSpec ToSpec() => new(DueDate, Amount);
}

/// <summary>An invoice inside a batch, which names its account.</summary>
public sealed record BatchInvoiceRequest(
    string AccountId,
    string InvoiceId,
    decimal Amount,
    string Currency,
    DateOnly IssueDate,
    DateOnly? DueDate = null,
    IReadOnlyList<InstalmentRequest>? Instalments = null) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("accountId", AccountId), ("invoiceId", InvoiceId)];

    public AccountWrite ToWrite() => new(AccountId, new InvoiceRequest(InvoiceId, Amount, Currency, IssueDate, DueDate, Instalments).ToCommand());
}
