using System.Net.Sockets;
using ArScale.Integration.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Integration.Tests.Email;

public sealed class SmtpSinkTests
{
    [Fact]
    public async Task A_message_sent_with_MailKit_is_read_back_from_the_real_smtp_sink()
    {
        var endpoint = new Uri(TestEnvironment.Smtp);
        var messageId = $"{Guid.NewGuid():N}@arscale.test";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("ArScale", "reminders@arscale.test"));
        message.To.Add(new MailboxAddress("Customer", "customer@example.test"));
        message.Subject = "Payment reminder 付款提醒";
        message.MessageId = messageId;
        message.Body = new TextPart("plain") { Text = "Invoice INV-1 of EUR 120.00 is due on 2026-12-01." };

        // Nagle plus delayed ACK limit a default MailKit socket to about 23 messages a second here.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint.Host, endpoint.Port);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(socket, endpoint.Host, endpoint.Port, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(quit: true);

        var received = await Maildir.WaitForAsync(TestEnvironment.SmtpMaildir, messageId, TimeSpan.FromSeconds(10));
        Assert.Equal("Payment reminder 付款提醒", received.Subject);
        Assert.Equal("customer@example.test", received.To.Mailboxes.Single().Address);
        Assert.Contains("EUR 120.00", received.TextBody, StringComparison.Ordinal);
    }
}
