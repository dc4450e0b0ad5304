namespace ArScale.Notifier.Templates.Models;

/// <summary>
/// What a dunning notice template sees. Amounts and dates are already formatted for the account's currency,
/// locale and time zone, so a template never formats a number and cannot get it wrong.
/// </summary>
public sealed record NoticeModel(
    LenderModel Lender,
    string CustomerName,
    string AccountId,
    string NoticeId,
    string Stage,
    int DaysPastDue,
    bool Overdue,
    string IssuedOn,
    IReadOnlyList<InvoiceLine> Invoices,
    string TotalOutstanding,
    IReadOnlyList<FeeLineModel> Fees,
    bool HasFees,
    bool HasInterest,
    string FeesTotal,
    string PaymentReference);

/// <summary>One invoice (or instalment) in the notice's table.</summary>
public sealed record InvoiceLine(string InvoiceId, string ItemId, string DueDate, int DaysPastDue, bool Overdue, string Outstanding);

/// <summary>A fee or interest charge; <see cref="Kind"/> is <c>flat-fee</c>, <c>percentage-fee</c> or <c>interest</c>.</summary>
public sealed record FeeLineModel(string InvoiceId, string Kind, bool IsInterest, string Amount, string PostedOn);
