namespace ArScale.Dunning;

public sealed record NoticeRecord(string Id, string Stage, Channel Channel, IReadOnlyList<string> ItemIds, DateTimeOffset At);

public sealed record EscalationRecord(string Id, EscalationKind Kind, string Stage, string? CollectorId, DateOnly? FollowUpBy, IReadOnlyList<string> ItemIds, DateTimeOffset At);

public enum NoticeOutcome
{
    Sent,
    Delivered,
    Failed,
    Bounced,
    Suppressed,
}

public sealed record ContactAttempt(string NoticeId, Channel Channel, NoticeOutcome Outcome, DateTimeOffset At, string? Detail);

public sealed record CollectionNote(string Id, string Author, string Text, DateTimeOffset At);

/// <param name="At">When it was accepted; null in entries stored before ids carried a time.</param>
public sealed record ProcessedCommand(string CommandId, string Fingerprint, DateTimeOffset? At = null);
