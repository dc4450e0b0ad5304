using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace ArScale.Load.Mail;

/// <summary>
/// A message shaped like a dunning notice: multipart/alternative, a text part and an HTML part listing ten
/// invoices, about 5 KB on the wire, as the Notifier's rendered templates are.
/// </summary>
public static class SampleMessage
{
    /// <summary>Header carrying the run id on every message a scenario sends, so the sink's files can be counted per run.</summary>
    public const string RunHeader = "X-ArScale-Load-Run";

    /// <summary>The legal small print every notice carries.</summary>
    private const string Footer =
        "This reminder was sent by ArScale Bank, 1 Example Plaza, Springfield, on behalf of the lender named in your agreement. " +
        "It concerns amounts that are due under that agreement; it is not a demand for any amount that is not shown above. " +
        "If you are experiencing financial difficulty, please contact us: we can offer payment plans and will put collection on hold while we talk. " +
        "You can dispute any invoice listed here within 30 days; we will not charge further fees on a disputed invoice until the dispute is resolved. " +
        "We process your data to administer your account; see https://arscale-bank.example/privacy. " +
        "To stop receiving e-mail reminders, reply with STOP or change your preferences at https://pay.arscale-bank.example/preferences.";

    public static MimeMessage Create(string runId, int session)
    {
        var invoices = Enumerable.Range(1, 10)
            .Select(index => (Id: $"INV-2026-{index:00000}", Due: new DateOnly(2026, 10, index * 2), Amount: 120.5m * index))
            .ToList();

        var text = new StringBuilder()
            .Append("Dear Anna Müller,\n\n")
            .Append("our records show that the following invoices on your account ACC-0042 are past due. ")
            .Append("If you have already paid, please ignore this reminder; payments can take up to three business days to reach us.\n\n");
        foreach (var (id, due, amount) in invoices)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {id}   due {due:yyyy-MM-dd}   EUR {amount,10:N2}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nTotal outstanding: EUR {invoices.Sum(invoice => invoice.Amount):N2}\n")
            .Append("A late fee of EUR 15.00 was added on 2026-11-22.\n\n")
            .Append("Pay now: https://pay.arscale-bank.example/accounts/ACC-0042\n")
            .Append("Dispute an invoice: https://pay.arscale-bank.example/accounts/ACC-0042/disputes\n\n")
            .Append("Questions? collections@arscale-bank.example or +1 555 0100, Monday to Friday 9:00-18:00.\n\n")
            .Append("Kind regards,\nArScale Bank Collections\n\n")
            .Append(Footer).Append('\n');

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Payment reminder</title>")
            .Append("<style>body{font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.4}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}td.amount{text-align:right}.button{background:#0b5ed7;color:#fff;padding:10px 18px;text-decoration:none;border-radius:4px}</style></head>")
            .Append("<body><p>Dear Anna Müller,</p><p>our records show that the following invoices on your account <strong>ACC-0042</strong> are past due. ")
            .Append("If you have already paid, please ignore this reminder; payments can take up to three business days to reach us.</p>")
            .Append("<table><thead><tr><th>Invoice</th><th>Due date</th><th>Days past due</th><th class=\"amount\">Outstanding</th></tr></thead><tbody>");
        foreach (var (id, due, amount) in invoices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(id)}</td><td>{due:d MMMM yyyy}</td><td>{(new DateOnly(2026, 11, 23).DayNumber - due.DayNumber)}</td><td class=\"amount\">EUR {amount:N2}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><p><strong>Total outstanding: EUR {invoices.Sum(invoice => invoice.Amount):N2}</strong></p>")
            .Append("<p><a class=\"button\" href=\"https://pay.arscale-bank.example/accounts/ACC-0042\">Pay now</a></p>")
            .Append("<p>Not right? <a href=\"https://pay.arscale-bank.example/accounts/ACC-0042/disputes\">Dispute an invoice</a>.</p>")
            .Append("<p style=\"font-size:12px;color:#666\">Questions? collections@arscale-bank.example or +1 555 0100, Monday to Friday 9:00-18:00.</p>")
            .Append("<p>Kind regards,<br>ArScale Bank Collections</p>")
            .Append("<hr><p style=\"font-size:11px;color:#888\">").Append(WebUtility.HtmlEncode(Footer)).Append("</p></body></html>");

        var message = new MimeMessage
        {
            Subject = "Payment reminder: 10 invoices on account ACC-0042 are past due",
            MessageId = $"{runId}-{session.ToString(CultureInfo.InvariantCulture)}@load.arscale-bank.example",
            Date = DateTimeOffset.UtcNow,
        };
        message.From.Add(new MailboxAddress("ArScale Bank", "reminders@arscale-bank.example"));
        message.To.Add(new MailboxAddress("Anna Müller", $"customer-{session.ToString(CultureInfo.InvariantCulture)}@load.example.test"));
        message.Headers.Add(RunHeader, runId);
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>The message's size as it goes over the wire.</summary>
    public static long Size(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default, buffer);
        return buffer.Length;
    }
}
