using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// The naive baseline: the way most code sends mail, a new MailKit <see cref="SmtpClient"/> per message, connected
/// with MailKit's defaults (its own socket, Nagle on), authenticated if the server wants it, the message sent, the
/// session closed with QUIT.
/// </summary>
public sealed class ConnectionPerMessageMailer(SmtpEndpoint smtp) : IReminderMailer
{
    private long opened;
    private long discarded;

    public long ConnectionsOpened => Interlocked.Read(ref opened);

    public long ConnectionsDiscarded => Interlocked.Read(ref discarded);

    public string Describe() => $"a new SmtpClient per reminder to {smtp}";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        Interlocked.Increment(ref opened);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None, cancellationToken);
            if (smtp.Authenticates)
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            Interlocked.Increment(ref discarded);
            throw;
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
