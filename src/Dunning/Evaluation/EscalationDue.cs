namespace ArScale.Dunning;

public enum EscalationKind
{
    CollectorTask,
    CollectorNotification,
    Legal,
}

/// <param name="CollectorId">The account's collector; null means the collections queue picks one.</param>
/// <param name="FollowUpBy">For collector work: the local date by which the collector must have followed up.</param>
public sealed record EscalationDue(
    string Id,
    EscalationKind Kind,
    string Stage,
    string? CollectorId,
    DateOnly? FollowUpBy,
    IReadOnlyList<string> ItemIds,
    IReadOnlyList<Money> Exposure);
