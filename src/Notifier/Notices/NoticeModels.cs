using ArScale.Contracts.Events;
using ArScale.Notifier.Formatting;
using ArScale.Notifier.Hosting;
using ArScale.Notifier.Templates;
using ArScale.Notifier.Templates.Models;

namespace ArScale.Notifier.Notices;

/// <summary>Turns each event the Notifier consumes into the message it owes, with the model its template renders.</summary>
public static class NoticeModels
{
    public static OutgoingNotice From(NoticeDue notice, LenderOptions lender) => new(
        notice.NoticeId, NoticeKind.Dunning, notice.AccountId,
        [.. (notice.Invoices ?? []).Select(invoice => invoice.InvoiceId).Distinct(StringComparer.Ordinal)],
        notice.Stage, notice.TemplateKey, notice.Channel, notice.Locale, notice.Recipients ?? [], notice.OccurredAt,
        () => Dunning(notice, lender), notice, notice.AccountVersion);

    public static OutgoingNotice From(StatementIssued statement, LenderOptions lender) => new(
        statement.StatementId, NoticeKind.Statement, statement.AccountId, statement.OpenInvoiceIds ?? [], "statement",
        TemplateModels.Statement, "email", statement.Locale, statement.Recipients ?? [], statement.OccurredAt,
        () => Statement(statement, lender), statement);

    public static OutgoingNotice From(CollectorTaskCreated task, StaffOptions staff, LenderOptions lender)
    {
        var collector = task.CollectorId is { } id ? staff.Collectors.GetValueOrDefault(id) : null;
        var recipient = collector ?? staff.Manager;
        return new OutgoingNotice(
            task.TaskId, NoticeKind.CollectorTask, task.AccountId, task.InvoiceIds ?? [], task.Stage, TemplateModels.CollectorTask,
            "email", recipient.Locale, [recipient.Email], task.OccurredAt,
            () =>
            {
                var format = LocalFormat.For(recipient.Locale, recipient.TimeZone);
                return new CollectorTaskModel(
                    Lender(lender, task.AccountId), recipient.Name, task.AccountId, task.TaskId, task.Stage, task.InvoiceIds ?? [],
                    format.Money(Amounts(task.AmountOverdue)), task.FollowUpBy is not null,
                    task.FollowUpBy is { } by ? format.Date(by) : "", task.NotifyOnly, Unassigned: collector is null,
                    AccountUrl(lender, task.AccountId));
            },
            task);
    }

    public static OutgoingNotice From(LegalEscalation escalation, StaffOptions staff, LenderOptions lender)
    {
        var legal = staff.Legal;
        return new OutgoingNotice(
            escalation.CaseId, NoticeKind.LegalEscalation, escalation.AccountId, escalation.ItemIds ?? [], "legal",
            TemplateModels.LegalEscalation, "email", legal.Locale, [legal.Email], escalation.OccurredAt,
            () => new LegalCaseModel(
                Lender(lender, escalation.AccountId), legal.Name, escalation.CaseId, escalation.AccountId, escalation.CustomerName,
                escalation.CollectorId ?? "", escalation.ItemIds ?? [], escalation.NoticeIds ?? [], escalation.NoticeIds?.Count ?? 0,
                escalation.ContactIds?.Count ?? 0,
                LocalFormat.For(legal.Locale, legal.TimeZone).Money(Amounts(escalation.AmountOutstanding)), AccountUrl(lender, escalation.AccountId)),
            escalation);
    }

    private static NoticeModel Dunning(NoticeDue notice, LenderOptions lender)
    {
        var format = LocalFormat.For(notice.Locale, notice.TimeZone);
        var invoices = notice.Invoices.Select(invoice => new InvoiceLine(
            invoice.InvoiceId, invoice.ItemId, format.Date(invoice.DueDate), invoice.DaysPastDue, invoice.DaysPastDue > 0,
            format.Money(invoice.Currency, invoice.Outstanding))).ToList();
        var fees = (notice.Fees ?? []).Select(fee => new FeeLineModel(
            fee.InvoiceId, fee.Kind, fee.Kind == "interest", format.Money(fee.Currency, fee.Amount), format.Date(fee.PostedOn))).ToList();
        var feesTotal = (notice.Fees ?? []).GroupBy(fee => fee.Currency, StringComparer.Ordinal).Select(group => (group.Key, group.Sum(fee => fee.Amount)));
        return new NoticeModel(
            Lender(lender, notice.AccountId), notice.CustomerName, notice.AccountId, notice.NoticeId, notice.Stage, notice.DaysPastDue,
            notice.DaysPastDue > 0, format.Date(notice.OccurredAt), invoices, format.Money(Amounts(notice.TotalOutstanding)), fees,
            fees.Count > 0, fees.Exists(fee => fee.IsInterest), format.Money(feesTotal), PaymentReference(notice.AccountId, notice.Invoices));
    }

    private static StatementModel Statement(StatementIssued statement, LenderOptions lender)
    {
        var format = LocalFormat.For(statement.Locale, statement.TimeZone);
        var url = lender.StatementUrl.Replace("{statement}", Uri.EscapeDataString(statement.StatementId), StringComparison.Ordinal);
        return new StatementModel(
            Lender(lender, statement.AccountId), statement.CustomerName, statement.AccountId, statement.StatementId,
            format.Date(statement.PeriodStart), format.Date(statement.PeriodEnd), format.Date(statement.OccurredAt),
            statement.OpenInvoiceIds ?? [], [.. (statement.Balances ?? []).Select(balance => format.Money(balance.Currency, balance.Amount))],
            format.Money(Amounts(statement.Balances)), url + "/confirm", url + "/dispute");
    }

    private static string PaymentReference(string accountId, IReadOnlyList<NoticeInvoice> invoices) =>
        invoices.Count == 1 ? $"{accountId}/{invoices[0].InvoiceId}" : accountId;

    private static IEnumerable<(string Currency, decimal Amount)> Amounts(IReadOnlyList<MoneyAmount>? amounts) =>
        (amounts ?? []).Select(amount => (amount.Currency, amount.Amount));

    private static LenderModel Lender(LenderOptions lender, string accountId) => new(
        lender.Name, Substitute(lender.PayUrl, accountId), Substitute(lender.DisputeUrl, accountId), lender.SupportEmail, lender.SupportPhone, lender.ConsoleUrl);

    private static string AccountUrl(LenderOptions lender, string accountId) => $"{lender.ConsoleUrl.TrimEnd('/')}/accounts/{Uri.EscapeDataString(accountId)}";

    private static string Substitute(string template, string accountId) =>
        template.Replace("{account}", Uri.EscapeDataString(accountId), StringComparison.Ordinal);
}
