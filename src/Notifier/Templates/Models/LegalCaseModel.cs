namespace ArScale.Notifier.Templates.Models;

/// <summary>What the internal e-mail handing a case to legal sees: the evidence by reference.</summary>
public sealed record LegalCaseModel(
    LenderModel Lender,
    string RecipientName,
    string CaseId,
    string AccountId,
    string CustomerName,
    string CollectorId,
    IReadOnlyList<string> ItemIds,
    IReadOnlyList<string> NoticeIds,
    int NoticeCount,
    int ContactCount,
    string AmountOutstanding,
    string AccountUrl);
