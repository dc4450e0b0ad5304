using ArScale.Load.Baseline.Hosting;
using MimeKit;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>The reminder as a MIME message: text and HTML alternatives, the id the load tool counts by.</summary>
public static class ReminderMessage
{
    /// <summary>The header the load tool counts by (the same one ArScale's Notifier sets).</summary>
    public const string ReminderIdHeader = "X-ArScale-Notice-Id";

    public static MimeMessage Compose(
        BaselineOptions options, string reminderId, string to, string toName, (string Subject, string Text, string Html) content)
    {
        var message = new MimeMessage { Subject = content.Subject };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(toName, to));
        message.Headers.Add(ReminderIdHeader, reminderId);
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return message;
    }
}
