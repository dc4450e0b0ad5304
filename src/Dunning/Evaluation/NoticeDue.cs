namespace ArScale.Dunning;

/// <summary>
/// One message to the customer on one channel. Items reaching the same stage in the same evaluation share it,
/// so the customer gets one combined reminder listing them.
/// </summary>
public sealed record NoticeDue(
    string Id,
    string AccountId,
    string Stage,
    string TemplateKey,
    Channel Channel,
    IReadOnlyList<string> Recipients,
    string Locale,
    string AccountName,
    IReadOnlyList<NoticeItem> Items,
    DateTimeOffset SendAt);

public sealed record NoticeItem(string ItemId, string InvoiceId, DateOnly DueDate, Money Outstanding, int DaysPastDue);
