using ArScale.Notifier.Templates.Models;

namespace ArScale.Notifier.Templates;

/// <summary>Which model a template key is rendered with; the load-time variable check needs to know.</summary>
public static class TemplateModels
{
    public const string Statement = "statement.monthly";
    public const string CollectorTask = "staff.collector-task";
    public const string LegalEscalation = "staff.legal-escalation";

    public static Type? For(string templateKey) => templateKey switch
    {
        Statement => typeof(StatementModel),
        CollectorTask => typeof(CollectorTaskModel),
        LegalEscalation => typeof(LegalCaseModel),
        _ when templateKey.StartsWith("dunning.", StringComparison.Ordinal) => typeof(NoticeModel),
        _ => null,
    };

    public static IEnumerable<Type> All =>
    [
        typeof(LenderModel), typeof(NoticeModel), typeof(InvoiceLine), typeof(FeeLineModel), typeof(StatementModel),
        typeof(CollectorTaskModel), typeof(LegalCaseModel), typeof(HttpPayloadModel),
    ];
}
