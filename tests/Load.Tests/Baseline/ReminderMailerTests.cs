using System.Net;
using ArScale.Load.Baseline.Hosting;
using ArScale.Load.Baseline.Reminders;
using ArScale.Load.Mail.SmtpSink;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace ArScale.Load.Tests.Baseline;

/// <summary>
/// The baseline's two mailers against the load tool's sink: the naive one opens a connection per reminder, the
/// pooled one reuses a few sessions, and replaces one that broke under it after failing the send that found out.
/// </summary>
public sealed class ReminderMailerTests : IAsyncLifetime
{
    private readonly string logFile = Path.Combine(Path.GetTempPath(), $"arscale-baseline-mailer-{Guid.NewGuid():N}.tsv");
    private ReceiptLog? log;
    private SmtpSinkServer? server;
    private int port;

    public Task InitializeAsync()
    {
        StartSink(0);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await StopSinkAsync();
        File.Delete(logFile);
    }

    [Fact]
    public async Task The_naive_mailer_opens_one_connection_per_reminder()
    {
        var mailer = new ConnectionPerMessageMailer(Endpoint());

        foreach (var id in Ids(3))
        {
            using var message = Reminder(id);
            await mailer.SendAsync(message, CancellationToken.None);
        }

        Assert.Equal(3, mailer.ConnectionsOpened);
        Assert.Equal(0, mailer.ConnectionsDiscarded);
        Assert.Equal(Ids(3), await ReceivedAsync());
    }

    [Fact]
    public async Task The_pooled_mailer_sends_every_reminder_on_at_most_its_pool_size_of_sessions()
    {
        await using var mailer = Pooled(size: 2);

        await Parallel.ForEachAsync(Ids(40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
        {
            using var message = Reminder(id);
            await mailer.SendAsync(message, token);
        });

        Assert.InRange(mailer.ConnectionsOpened, 1, 2);
        Assert.Equal(0, mailer.ConnectionsDiscarded);
        Assert.Equal(Ids(40), (await ReceivedAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pooled_session_the_server_dropped_fails_its_send_once_and_is_replaced_by_a_new_one()
    {
        await using var mailer = Pooled(size: 1);
        using (var first = Reminder("acc-1:due:inv-1:2026-11-23:email"))
        {
            await mailer.SendAsync(first, CancellationToken.None);
        }

        // The server goes away with the pooled session still open on the client's side, and comes back.
        var before = await ReceivedAsync();
        StartSink(port);

        using (var lost = Reminder("acc-2:due:inv-1:2026-11-23:email"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => mailer.SendAsync(lost, CancellationToken.None));
        }

        using (var retried = Reminder("acc-2:due:inv-1:2026-11-23:email"))
        {
            await mailer.SendAsync(retried, CancellationToken.None);
        }

        Assert.Equal(["acc-1:due:inv-1:2026-11-23:email"], before);
        Assert.Equal(["acc-2:due:inv-1:2026-11-23:email"], await ReceivedAsync());
        Assert.Equal(2, mailer.ConnectionsOpened);
        Assert.Equal(1, mailer.ConnectionsDiscarded);
    }

    [Fact]
    public void The_smtp_connection_string_gives_host_port_and_the_credentials_only_when_asked_for()
    {
        var plain = SmtpEndpoint.Parse("smtp://127.0.0.1:2525");
        var withUser = SmtpEndpoint.Parse("smtp://reminders%40bank.example:p%3Ass@mail.bank.example");

        Assert.Equal(("127.0.0.1", 2525, false), (plain.Host, plain.Port, plain.Authenticates));
        Assert.Equal(("mail.bank.example", SmtpEndpoint.DefaultPort, "reminders@bank.example", "p:ss"), (withUser.Host, withUser.Port, withUser.Username, withUser.Password));
        Assert.True(withUser.Authenticates);
        Assert.Equal("mail.bank.example:25", withUser.ToString());
        Assert.Throws<InvalidOperationException>(() => SmtpEndpoint.Parse("http://127.0.0.1:2525"));
    }

    private static string[] Ids(int count) =>
        [.. Enumerable.Range(1, count).Select(index => $"acc-{index:000}:due:inv-1:2026-11-23:email").Order(StringComparer.Ordinal)];

    private static MimeMessage Reminder(string reminderId) =>
        ReminderMessage.Compose(new BaselineOptions(), reminderId, "anna@load.example.test", "Anna Müller",
            ("Payment due today", "Dear Anna,\nyour invoice is due today.\n", "<p>Dear Anna,</p><p>your invoice is due today.</p>"));

    private SmtpEndpoint Endpoint() => SmtpEndpoint.Parse($"smtp://127.0.0.1:{port}");

    private PooledSmtpMailer Pooled(int size) => new(Endpoint(), size, TimeProvider.System, NullLogger<PooledSmtpMailer>.Instance);

    private void StartSink(int onPort)
    {
        File.Delete(logFile);
        log = new ReceiptLog(logFile);
        server = SmtpSinkServer.Start(new IPEndPoint(IPAddress.Loopback, onPort), log);
        port = server.EndPoint.Port;
    }

    /// <summary>Stops the sink (its sessions end, its log is written out) and gives the reminder ids it accepted.</summary>
    private async Task<IReadOnlyList<string>> ReceivedAsync()
    {
        await StopSinkAsync();
        return [.. new ReceiptLogReader(logFile).ReadAll().Select(receipt => receipt.NoticeId ?? "")];
    }

    private async Task StopSinkAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }

        if (log is not null)
        {
            await log.DisposeAsync();
            log = null;
        }
    }
}
