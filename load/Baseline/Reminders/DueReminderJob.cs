using System.Globalization;
using ArScale.Load.Baseline.Hosting;
using ArScale.Load.Baseline.Invoices;
using Hangfire;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// The Hangfire job scheduled for each invoice at its due instant: read the invoice, skip it if its reminder already
/// went, render the due-day reminder, send it (with the configured <see cref="IReminderMailer"/>), mark the invoice
/// reminded. A failure is retried by Hangfire
/// (<see cref="AutomaticRetryAttribute"/>, its default 10 attempts with growing delays).
/// </summary>
public sealed class DueReminderJob(InvoiceStore invoices, ReminderTemplate template, IReminderMailer mailer, BaselineOptions options, TimeProvider time)
{
    public async Task SendAsync(string invoiceId, CancellationToken cancellationToken)
    {
        if (await invoices.FindAsync(invoiceId, cancellationToken) is not { RemindedAt: null, Invoice: var invoice })
        {
            return;
        }

        var reminderId = $"{invoice.AccountId}:due:{invoice.InvoiceId}:{invoice.DueDate:yyyy-MM-dd}:email";
        var content = await template.RenderAsync(Model(invoice, reminderId));
        using var message = ReminderMessage.Compose(options, reminderId, invoice.Email, invoice.CustomerName, content);
        await mailer.SendAsync(message, cancellationToken);
        await invoices.MarkRemindedAsync(invoice.InvoiceId, time.GetUtcNow(), cancellationToken);
    }

    private ReminderModel Model(Invoice invoice, string reminderId)
    {
        var culture = CultureInfo.GetCultureInfo(invoice.Locale);
        var amount = $"{invoice.Currency} {invoice.Amount.ToString("N2", culture)}";
        var dueDate = invoice.DueDate.ToString("d MMMM yyyy", culture);
        var lender = options.Lender;
        return new ReminderModel(
            new LenderModel(lender.Name, lender.PayUrl.Replace("{account}", invoice.AccountId, StringComparison.Ordinal),
                lender.DisputeUrl.Replace("{account}", invoice.AccountId, StringComparison.Ordinal), lender.SupportEmail, lender.SupportPhone),
            invoice.CustomerName, invoice.AccountId, reminderId, "due", 0, false, dueDate,
            [new InvoiceLine(invoice.InvoiceId, invoice.InvoiceId, dueDate, 0, false, amount)],
            amount, [], false, false, "", invoice.AccountId);
    }
}
