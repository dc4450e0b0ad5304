namespace ArScale.Load.Baseline.Reminders;

/// <summary>What the due-day template reads (its variables, in snake_case): the shape the Notifier gives it.</summary>
public sealed record ReminderModel(
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
    IReadOnlyList<FeeLine> Fees,
    bool HasFees,
    bool HasInterest,
    string FeesTotal,
    string PaymentReference);

public sealed record LenderModel(string Name, string PayUrl, string DisputeUrl, string SupportEmail, string SupportPhone);

public sealed record InvoiceLine(string InvoiceId, string ItemId, string DueDate, int DaysPastDue, bool Overdue, string Outstanding);

public sealed record FeeLine(string InvoiceId, string Kind, bool IsInterest, string Amount, string PostedOn);
