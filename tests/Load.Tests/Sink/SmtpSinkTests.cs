using System.Net;
using System.Net.Sockets;
using System.Text;
using ArScale.Load.Mail.SmtpSink;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Load.Tests.Sink;

/// <summary>
/// The load tool's SMTP sink answers as RFC 5321 says, pipelined or not, accepts every byte, and records one receipt
/// per message it accepted (and none for a message it did not).
/// </summary>
public sealed class SmtpSinkTests : IAsyncLifetime
{
    private readonly string logFile = Path.Combine(Path.GetTempPath(), $"arscale-sink-{Guid.NewGuid():N}.tsv");
    private ReceiptLog log = null!;
    private SmtpSinkServer server = null!;

    private int Port => server.EndPoint.Port;

    public Task InitializeAsync()
    {
        log = new ReceiptLog(logFile);
        server = SmtpSinkServer.Start(new IPEndPoint(IPAddress.Loopback, 0), log);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        File.Delete(logFile);
    }

    [Fact]
    public async Task Messages_sent_with_MailKit_are_accepted_with_their_notice_ids_and_sizes()
    {
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Pipelining));
            foreach (var id in new[] { "acc-1:due:inv-1:2026-11-23:email", "acc-2:due:inv-1:2026-11-23:email" })
            {
                using var message = Notice(id);
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        }

        var receipts = await ReceiptsAsync();

        Assert.Equal(["acc-1:due:inv-1:2026-11-23:email", "acc-2:due:inv-1:2026-11-23:email"], receipts.Select(receipt => receipt.NoticeId));
        Assert.Equal(["acc-1@sink.test", "acc-2@sink.test"], receipts.Select(receipt => receipt.MessageId));
        Assert.All(receipts, receipt => Assert.InRange(receipt.Bytes, 800, 20_000));
        Assert.All(receipts, receipt => Assert.InRange(receipt.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order_and_a_dot_stuffed_line_counts_without_its_extra_dot()
    {
        using var session = await RawSession.OpenAsync(Port);

        var replies = await session.SendAsync("EHLO tester\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n", expectedReplies: 4);
        Assert.Equal(["250", "250", "250", "354"], replies.Select(Code));
        Assert.Contains("250-PIPELINING", replies[0], StringComparison.Ordinal);

        var done = await session.SendAsync("Subject: hi\r\nX-ArScale-Notice-Id:\r\n n-1\r\n\r\n..leading dot\r\nbody\r\n.\r\nQUIT\r\n", expectedReplies: 2);
        Assert.Equal(["250", "221"], done.Select(Code));

        var receipt = Assert.Single(await ReceiptsAsync());
        Assert.Equal("n-1", receipt.NoticeId);
        Assert.Equal("Subject: hi\r\nX-ArScale-Notice-Id:\r\n n-1\r\n\r\n.leading dot\r\nbody\r\n".Length, receipt.Bytes);
    }

    [Theory]
    [InlineData("MAIL FROM:<a@x.test>", "503")]
    [InlineData("RCPT TO:<b@y.test>", "503")]
    [InlineData("EHLO", "501")]
    [InlineData("FROB", "500")]
    [InlineData("STARTTLS", "502")]
    public async Task Commands_out_of_sequence_or_unknown_are_refused_with_their_codes(string command, string code)
    {
        using var session = await RawSession.OpenAsync(Port);

        var reply = Assert.Single(await session.SendAsync(command + "\r\n", expectedReplies: 1));

        Assert.Equal(code, Code(reply));
    }

    [Fact]
    public async Task A_transaction_needs_a_recipient_before_DATA_and_no_second_MAIL()
    {
        using var session = await RawSession.OpenAsync(Port);

        var replies = await session.SendAsync("HELO tester\r\nMAIL FROM:<>\r\nDATA\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<>\r\nRSET\r\nNOOP\r\n", expectedReplies: 7);

        Assert.Equal(["250", "250", "503", "503", "501", "250", "250"], replies.Select(Code));
    }

    [Fact]
    public async Task A_message_cut_off_before_its_final_dot_is_not_accepted()
    {
        using (var session = await RawSession.OpenAsync(Port))
        {
            await session.SendAsync("EHLO tester\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n", expectedReplies: 4);
            await session.SendAsync("X-ArScale-Notice-Id: n-2\r\n\r\nhalf a message\r\n", expectedReplies: 0);
        }

        Assert.Empty(await ReceiptsAsync());
    }

    private static string Code(string reply) => reply[..3];

    private static MimeMessage Notice(string noticeId)
    {
        var message = new MimeMessage { Subject = "Payment due today", MessageId = $"{noticeId.Split(':')[0]}@sink.test" };
        message.From.Add(new MailboxAddress("ArScale Bank", "reminders@arscale-bank.example"));
        message.To.Add(new MailboxAddress("Anna Müller", "anna@example.test"));
        message.Headers.Add("X-ArScale-Notice-Id", noticeId);
        message.Body = new BodyBuilder { TextBody = "Dear Anna,\n" + string.Concat(Enumerable.Repeat("Your invoice is due today.\n", 20)), HtmlBody = "<p>Dear Anna,</p>" }.ToMessageBody();
        return message;
    }

    /// <summary>Stops the sink (its sessions end, its log is written out) and reads what it recorded.</summary>
    private async Task<IReadOnlyList<SinkReceipt>> ReceiptsAsync()
    {
        await StopAsync();
        return new ReceiptLogReader(logFile).ReadAll();
    }

    private async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            await log.DisposeAsync();
            server = null!;
        }
    }

    /// <summary>A plain TCP conversation: text goes out in one write, whole replies (multi-line ones joined) come back.</summary>
    private sealed class RawSession : IDisposable
    {
        private readonly TcpClient client;
        private readonly StreamReader reader;
        private readonly NetworkStream stream;

        private RawSession(TcpClient client)
        {
            this.client = client;
            stream = client.GetStream();
            reader = new StreamReader(stream, Encoding.ASCII);
        }

        public static async Task<RawSession> OpenAsync(int port)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var session = new RawSession(client);
            var greeting = await session.ReadReplyAsync();
            Assert.StartsWith("220 ", greeting, StringComparison.Ordinal);
            return session;
        }

        public async Task<IReadOnlyList<string>> SendAsync(string text, int expectedReplies)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
            var replies = new List<string>();
            for (var index = 0; index < expectedReplies; index++)
            {
                replies.Add(await ReadReplyAsync());
            }

            return replies;
        }

        public void Dispose()
        {
            reader.Dispose();
            client.Dispose();
        }

        private async Task<string> ReadReplyAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var lines = new List<string>();
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("the sink closed the connection");
                lines.Add(line);
                if (line.Length < 4 || line[3] != '-')
                {
                    return string.Join('\n', lines);
                }
            }
        }
    }
}
