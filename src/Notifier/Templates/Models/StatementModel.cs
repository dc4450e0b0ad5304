namespace ArScale.Notifier.Templates.Models;

/// <summary>What a monthly reconciliation statement template sees.</summary>
public sealed record StatementModel(
    LenderModel Lender,
    string CustomerName,
    string AccountId,
    string StatementId,
    string PeriodStart,
    string PeriodEnd,
    string IssuedOn,
    IReadOnlyList<string> OpenInvoiceIds,
    IReadOnlyList<string> Balances,
    string BalanceTotal,
    string ConfirmUrl,
    string DisputeUrl);
