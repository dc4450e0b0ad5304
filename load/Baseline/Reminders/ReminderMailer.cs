using ArScale.Load.Baseline.Hosting;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// Sends one reminder the way most code does: a new MailKit <see cref="SmtpClient"/> per message, connected with
/// MailKit's defaults, the message sent, the session closed with QUIT.
/// </summary>
public sealed class ReminderMailer(Uri smtp, BaselineOptions options)
{
    /// <summary>The header the load tool counts by (the same one ArScale's Notifier sets).</summary>
    public const string ReminderIdHeader = "X-ArScale-Notice-Id";

    public async Task SendAsync(string reminderId, string to, string toName, (string Subject, string Text, string Html) content, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage { Subject = content.Subject };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(toName, to));
        message.Headers.Add(ReminderIdHeader, reminderId);
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
