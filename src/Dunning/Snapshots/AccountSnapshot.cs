namespace ArScale.Dunning;

/// <summary>The read model of one account at an instant: what an operator's screen or a projection shows.</summary>
public sealed record AccountSnapshot(
    string AccountId,
    AccountProfile? Profile,
    string PolicyKey,
    IReadOnlyList<Money> Balances,
    IReadOnlyList<Money> Credit,
    IReadOnlyList<InvoiceView> Invoices,
    IReadOnlyList<AgingBuckets> Aging,
    int CreditScore,
    RiskFlags Risk,
    DateTimeOffset? NextActionAt,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<Dispute> Disputes,
    IReadOnlyList<PaymentPromise> Promises,
    IReadOnlyList<Statement> Statements,
    IReadOnlyList<NoticeRecord> Notices,
    IReadOnlyList<EscalationRecord> Escalations,
    IReadOnlyList<ContactAttempt> Contacts,
    IReadOnlyList<CollectionNote> Notes,
    DunningPause? Pause,
    IReadOnlyList<DunningPauseChange> PauseHistory);

public enum InvoiceStatus
{
    Open,
    Disputed,
    Promised,
    Paid,
    WrittenOff,
    Credited,
}

public sealed record InvoiceView(
    string Id,
    Money Amount,
    Money Outstanding,
    DateOnly IssueDate,
    DateOnly DueDate,
    InvoiceStatus Status,
    IReadOnlyList<ItemView> Items);

public sealed record ItemView(
    string Id,
    DateOnly DueDate,
    Money Amount,
    Money Outstanding,
    int DaysPastDue,
    string? CurrentStage,
    string? NextStage,
    DateTimeOffset? NextActionAt,
    string? PausedBecause);
