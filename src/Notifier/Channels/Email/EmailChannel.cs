using System.Net.Sockets;
using ArScale.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArScale.Notifier.Channels.Email;

/// <summary>
/// E-mail over SMTP through the connection pool. The Message-ID is derived from the notice id, so a mail
/// system that sees the same notice twice (a resend after a crash between accept and log) can tell.
/// </summary>
public sealed class EmailChannel(SmtpConnectionPool pool, IOptions<SmtpOptions> options, TimeProvider time) : INoticeChannel
{
    public const string NoticeIdHeader = "X-ArScale-Notice-Id";

    private readonly SmtpOptions settings = options.Value;
    private readonly string domain = options.Value.From.Split('@') is [_, var host] ? host : "arscale.local";

    public string Name => "email";

    public static string MessageIdFor(string noticeId, string domain) => $"{DeterministicGuid.From(noticeId):N}@{domain}";

    public async Task<DeliveryReceipt> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        using var mime = Compose(message);
        SmtpSession session;
        try
        {
            session = await pool.RentAsync(cancellationToken);
        }
        catch (Exception exception) when (IsTransient(exception, cancellationToken))
        {
            throw new DeliveryDeferredException($"cannot reach the SMTP server {settings.Host}:{settings.Port}: {exception.Message}", exception);
        }
        catch (AuthenticationException exception)
        {
            // Wrong credentials are a configuration problem that may be fixed while the message waits.
            throw new DeliveryDeferredException($"the SMTP server refused the credentials: {exception.Message}", exception);
        }

        var reusable = false;
        try
        {
            // Not cancelled once begun: a send cut off by the consumer stopping (the broker gone, a shutdown) may have
            // passed its DATA to the server, and the notice, left Sending, would go out again once its claim's lease
            // ran out. The session's own timeout bounds it; the outcome is then recorded as for any other send.
            var reply = await session.Client.SendAsync(mime, CancellationToken.None);
            reusable = true;
            return new DeliveryReceipt(mime.MessageId, reply);
        }
        catch (SmtpCommandException exception) when ((int)exception.StatusCode >= 500)
        {
            throw new DeliveryRejectedException($"{(int)exception.StatusCode} {exception.Message}", exception);
        }
        catch (SmtpCommandException exception)
        {
            throw new DeliveryDeferredException($"{(int)exception.StatusCode} {exception.Message}", exception);
        }
        catch (Exception exception) when (IsTransient(exception, cancellationToken))
        {
            throw new DeliveryDeferredException($"the SMTP session failed: {exception.Message}", exception);
        }
        finally
        {
            await pool.ReturnAsync(session, reusable);
        }
    }

    private MimeMessage Compose(ChannelMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Content.Subject,
            MessageId = MessageIdFor(message.NoticeId, domain),
            Date = time.GetUtcNow(),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        foreach (var recipient in message.Recipients)
        {
            mime.To.Add(MailboxAddress.Parse(recipient));
        }

        mime.Headers.Add(NoticeIdHeader, message.NoticeId);
        mime.Body = new BodyBuilder { TextBody = message.Content.Text, HtmlBody = message.Content.Html }.ToMessageBody();
        return mime;
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or SocketException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException => true,
        _ => false,
    };
}
