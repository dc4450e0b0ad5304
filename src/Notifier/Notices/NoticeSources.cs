using System.Text.Json;
using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;

namespace ArScale.Notifier.Notices;

/// <summary>
/// The bus message a notice came in, as <c>notice_log</c> keeps it for a parked notice: the retry pump rebuilds the
/// notice from it (with this Notifier's lender and staff settings), so a retry needs no broker redelivery.
/// </summary>
public static class NoticeSources
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (string Type, string Json) Serialize(object source) => source switch
    {
        NoticeDue message => (nameof(NoticeDue), JsonSerializer.Serialize(message, Json)),
        StatementIssued message => (nameof(StatementIssued), JsonSerializer.Serialize(message, Json)),
        CollectorTaskCreated message => (nameof(CollectorTaskCreated), JsonSerializer.Serialize(message, Json)),
        LegalEscalation message => (nameof(LegalEscalation), JsonSerializer.Serialize(message, Json)),
        _ => throw new ArgumentException($"{source.GetType().Name} is not a message the Notifier sends", nameof(source)),
    };

    public static OutgoingNotice Rebuild(string type, string json, NotifierOptions options) => type switch
    {
        nameof(NoticeDue) => NoticeModels.From(Read<NoticeDue>(json), options.Lender),
        nameof(StatementIssued) => NoticeModels.From(Read<StatementIssued>(json), options.Lender),
        nameof(CollectorTaskCreated) => NoticeModels.From(Read<CollectorTaskCreated>(json), options.Staff, options.Lender),
        nameof(LegalEscalation) => NoticeModels.From(Read<LegalEscalation>(json), options.Staff, options.Lender),
        _ => throw new InvalidNoticeException($"a parked notice holds a '{type}' message, which this Notifier does not know"),
    };

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidNoticeException($"a parked {typeof(T).Name} is empty");
}
