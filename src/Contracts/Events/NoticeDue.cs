namespace ArScale.Contracts.Events;

/// <summary>
/// A notice the policy says is due now, with everything the notifier needs to render and send it without
/// asking anyone: recipient, locale, zone, template, the invoices it lists, amounts, fees, collector.
/// <see cref="NoticeId"/> is deterministic (account, stage, invoices, due date): the notifier sends once per id.
/// <see cref="AccountVersion"/> is the account's version in the write that decided the notice: while storage still
/// holds that version, nothing has happened to the account that could void the notice (absent in older events).
/// </summary>
public sealed record NoticeDue(
    string EventId,
    string AccountId,
    DateTimeOffset OccurredAt,
    string NoticeId,
    string CustomerName,
    string Stage,
    string TemplateKey,
    string Channel,
    IReadOnlyList<string> Recipients,
    string Locale,
    string TimeZone,
    IReadOnlyList<NoticeInvoice> Invoices,
    IReadOnlyList<MoneyAmount> TotalOutstanding,
    IReadOnlyList<FeeLine> Fees,
    int DaysPastDue,
    string? CollectorId,
    string PolicyKey,
    long? AccountVersion = null) : IAccountEvent;
