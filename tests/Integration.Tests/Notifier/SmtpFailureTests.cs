using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ContactOutcome = ArScale.Dunning.NoticeOutcome;

namespace ArScale.Integration.Tests.Notifier;

public sealed class SmtpFailureTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopNotifiersAsync();

    [Fact]
    public async Task While_the_smtp_server_is_down_the_notice_is_retried_and_arrives_after_it_comes_back()
    {
        var port = FreePort.Next();
        await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: new Dictionary<string, string?> { ["ArScale:Notifier:Retry:Limit"] = "30" });
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "later@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["later@example.test"]);

        await system.PublishAsync(notice);
        using (var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((await system.LogRowAsync(notice.NoticeId))?.Attempts is null or < 2)
            {
                await Task.Delay(100, waiting.Token);
            }
        }

        var whileDown = await system.LogRowAsync(notice.NoticeId);
        Assert.Contains(whileDown!.Status, new[] { "Retrying", "Sending" });
        Assert.Contains("cannot reach the SMTP server", whileDown.Detail ?? "", StringComparison.Ordinal);

        await using var sink = await AiosmtpdProcess.StartAsync(port);
        var row = await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(60));

        Assert.True(row.Status == "Sent", $"{row.Status}: {row.Detail}");
        Assert.True(row.Attempts > 1, $"attempts {row.Attempts}");
        Assert.Equal(notice.NoticeId, (await new MailSink(sink.Maildir).WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(10))).Headers[MailSink.NoticeIdHeader]);
    }

    [Fact]
    public async Task A_550_reply_is_logged_rejected_after_one_attempt_and_recorded_as_a_bounce()
    {
        await using var rejecting = new RejectingSmtpServer();
        await system.StartNotifierAsync(smtp: rejecting.ConnectionString);
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "nobody@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["nobody@example.test"]);

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Rejected", 1), (row.Status, row.Attempts));
        Assert.StartsWith("550", row.Detail, StringComparison.Ordinal);
        Assert.Equal(ContactOutcome.Bounced, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, rejecting.RecipientCommands);
    }
}
