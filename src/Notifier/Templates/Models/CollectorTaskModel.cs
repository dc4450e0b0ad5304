namespace ArScale.Notifier.Templates.Models;

/// <summary>What the internal e-mail to a collector (or, when none is assigned, the collections manager) sees.</summary>
public sealed record CollectorTaskModel(
    LenderModel Lender,
    string RecipientName,
    string AccountId,
    string TaskId,
    string Stage,
    IReadOnlyList<string> InvoiceIds,
    string AmountOverdue,
    bool HasFollowUp,
    string FollowUpBy,
    bool NotifyOnly,
    bool Unassigned,
    string AccountUrl);
