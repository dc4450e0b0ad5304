using ArScale.Contracts.Events;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>
/// <c>NoticeDue</c> events as an account grain emits them (the integration tests' <c>Notices.Due</c> shape): an
/// overdue-7 e-mail for one open invoice, in English, with a fee line. Notice ids carry the run id, so the sink's
/// messages and the log's rows of one run are told apart from every other run's.
/// </summary>
public static class NoticeFactory
{
    public static string NoticeId(string accountId, int invoice, string runId) => $"{accountId}:overdue-7:inv-{invoice}:{runId}:email";

    /// <summary>Whether a notice id (from the sink's <c>X-ArScale-Notice-Id</c> header) belongs to the run.</summary>
    public static bool BelongsTo(string noticeId, string runId) => noticeId.EndsWith($":{runId}:email", StringComparison.Ordinal);

    public static NoticeDue Due(string accountId, int invoice, string runId)
    {
        var id = NoticeId(accountId, invoice, runId);
        var invoiceId = AccountSeeder.InvoiceId(invoice);
        var amount = AccountSeeder.InvoiceAmount(invoice).Amount;
        return new NoticeDue(
            EventId: id,
            AccountId: accountId,
            OccurredAt: DateTimeOffset.UtcNow,
            NoticeId: id,
            CustomerName: "Anna Müller",
            Stage: "overdue-7",
            TemplateKey: "dunning.overdue",
            Channel: "email",
            Recipients: [AccountSeeder.Recipient(accountId)],
            Locale: "en",
            TimeZone: "Europe/Berlin",
            Invoices: [new NoticeInvoice(invoiceId, invoiceId, "EUR", amount, new DateOnly(2026, 11, 15), 8)],
            TotalOutstanding: [new MoneyAmount("EUR", amount)],
            Fees: [new FeeLine($"{accountId}:fee-{invoice}", invoiceId, "flat-fee", "EUR", 15m, new DateOnly(2026, 11, 22))],
            DaysPastDue: 8,
            CollectorId: null,
            PolicyKey: "standard");
    }
}
