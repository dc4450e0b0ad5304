namespace ArScale.Contracts.Events;

/// <summary>A late fee or interest charge was added to the account's balance.</summary>
public sealed record FeePosted(string EventId, string AccountId, DateTimeOffset OccurredAt, FeeLine Fee, string Stage) : IAccountEvent;

/// <summary>An invoice (or instalment) of the account reached a dunning stage.</summary>
public sealed record StageEscalated(
    string EventId, string AccountId, DateTimeOffset OccurredAt, string InvoiceId, string ItemId, string Stage, int OffsetDays, bool Stops) : IAccountEvent;

/// <summary>A collector must act on the account by <see cref="FollowUpBy"/>.</summary>
public sealed record CollectorTaskCreated(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string TaskId,
    string? CollectorId,
    string Stage,
    IReadOnlyList<string> InvoiceIds,
    IReadOnlyList<MoneyAmount> AmountOverdue,
    DateOnly? FollowUpBy,
    bool NotifyOnly) : IAccountEvent;

/// <summary>The case goes to legal; the evidence travels by reference (invoices, notices sent, contacts made).</summary>
public sealed record LegalEscalation(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string CaseId,
    string CustomerName,
    IReadOnlyList<string> ItemIds,
    IReadOnlyList<string> NoticeIds,
    IReadOnlyList<string> ContactIds,
    IReadOnlyList<MoneyAmount> AmountOutstanding,
    string? CollectorId) : IAccountEvent;

/// <summary>A monthly-settlement account's reconciliation statement for one period.</summary>
public sealed record StatementIssued(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string StatementId,
    string CustomerName,
    IReadOnlyList<string> Recipients,
    string Locale,
    string TimeZone,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> OpenInvoiceIds,
    IReadOnlyList<MoneyAmount> Balances) : IAccountEvent;

/// <summary>The account's credit score crossed the warning threshold, or its exposure passed its credit limit.</summary>
public sealed record RiskWarning(
    string EventId, string AccountId, DateTimeOffset OccurredAt, string Kind, int Score, MoneyAmount? Exposure, MoneyAmount? CreditLimit, string Message) : IAccountEvent;

/// <summary>
/// The account summary the read-side projections keep, published after every change. <see cref="Version"/>
/// grows with every change so a projection never lets an older event overwrite a newer row.
/// </summary>
public sealed record AccountChanged(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    long Version,
    string CustomerName,
    string Segment,
    string? CollectorId,
    IReadOnlyList<MoneyAmount> Balance,
    IReadOnlyList<AgingBucketAmount> Aging,
    string? Stage,
    int MaxDaysPastDue,
    DateTimeOffset? NextActionAt,
    int CreditScore,
    bool DunningPaused) : IAccountEvent;

public sealed record AgingBucketAmount(string Bucket, string Currency, decimal Amount);
