namespace ArScale.Notifier.Notices;

/// <summary>
/// One message to send, whatever event asked for it: what the log records, what the template renders and
/// whether the account must confirm the notice still holds first. <see cref="Source"/> is the bus message itself,
/// kept with a parked notice so that a retry can rebuild it (<see cref="NoticeSources"/>). <see cref="AccountVersion"/>
/// is the account's version that decided it, when the event says.
/// </summary>
public sealed record OutgoingNotice(
    string NoticeId,
    NoticeKind Kind,
    string AccountId,
    IReadOnlyList<string> InvoiceIds,
    string Stage,
    string TemplateKey,
    string Channel,
    string Locale,
    IReadOnlyList<string> Recipients,
    DateTimeOffset OccurredAt,
    Func<object> Model,
    object Source,
    long? AccountVersion = null)
{
    /// <summary>Customer dunning notices are voided by a payment, dispute, write-off or promise made after they were emitted.</summary>
    public bool ChecksValidity => Kind == NoticeKind.Dunning;

    /// <summary>Messages to the customer are contacts the account records; messages to staff are not.</summary>
    public bool IsCustomerContact => Kind is NoticeKind.Dunning or NoticeKind.Statement;
}

public enum NoticeKind
{
    Dunning,
    Statement,
    CollectorTask,
    LegalEscalation,
}
