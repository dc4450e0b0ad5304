namespace ArScale.Contracts.Events;

/// <summary>The final outcome of one notice, published by the notifier; the account records it as a contact.</summary>
public sealed record NoticeOutcome(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string NoticeId,
    string Channel,
    NoticeOutcomeStatus Status,
    string? Detail,
    int Attempts) : IAccountEvent;

public enum NoticeOutcomeStatus
{
    Sent,
    Suppressed,
    Failed,
    Rejected,
}
