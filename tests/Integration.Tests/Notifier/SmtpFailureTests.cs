using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ContactOutcome = ArScale.Dunning.NoticeOutcome;

namespace ArScale.Integration.Tests.Notifier;

public sealed class SmtpFailureTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    /// <summary>Seconds, not minutes: the retry schedule of a test.</summary>
    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["ArScale:Notifier:Retry:FirstInterval"] = "00:00:00.200",
        ["ArScale:Notifier:Retry:LongestInterval"] = "00:00:01",
        ["ArScale:Notifier:Retry:PollInterval"] = "00:00:00.200",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopNotifiersAsync();

    [Fact]
    public async Task While_the_smtp_server_is_down_the_notice_is_parked_and_arrives_after_it_comes_back()
    {
        var port = FreePort.Next();
        await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: QuickRetries);
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "later@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["later@example.test"]);

        await system.PublishAsync(notice);
        await WaitForAttemptsAsync(notice.NoticeId, 3);

        var whileDown = await system.LogRowAsync(notice.NoticeId);
        Assert.Contains(whileDown!.Status, new[] { "Retrying", "Sending" });
        Assert.Contains("cannot reach the SMTP server", whileDown.Detail ?? "", StringComparison.Ordinal);
        // Parked with its message, and the message acknowledged: the broker holds nothing for it.
        Assert.Equal(1, await system.ScalarAsync("SELECT count(*) FROM notice_log WHERE notice_id = @id AND payload_type = 'NoticeDue'", ("id", notice.NoticeId)));

        await using var sink = await AiosmtpdProcess.StartAsync(port);
        var row = await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(60));

        Assert.True(row.Status == "Sent", $"{row.Status}: {row.Detail}");
        Assert.True(row.Attempts > 2, $"attempts {row.Attempts}");
        Assert.Equal(notice.NoticeId, (await new MailSink(sink.Maildir).WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(10))).Headers[MailSink.NoticeIdHeader]);
        Assert.Equal(ContactOutcome.Sent, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
    }

    [Fact]
    public async Task An_outage_longer_than_any_bus_retry_budget_fails_nothing_before_the_deadline()
    {
        var port = FreePort.Next();
        await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: QuickRetries);
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "patient@example.test", new Money(42m, "EUR"));
        var notices = Enumerable.Range(0, 20).Select(_ => Notices.Due(accountId, outstanding: 42m, recipients: ["patient@example.test"])).ToList();

        foreach (var notice in notices)
        {
            await system.PublishAsync(notice);
        }

        // Twenty attempts' worth of backoff for the first: the old budget (6 tries) is long spent.
        await WaitForAttemptsAsync(notices[0].NoticeId, 8, TimeSpan.FromSeconds(60));
        Assert.Equal(0, await system.ScalarAsync("SELECT count(*) FROM notice_log WHERE account_id = @account AND status = 'Failed'", ("account", accountId)));
        Assert.Empty(await system.Broker.TakeAsync("notice-due_error", 10));

        await using var sink = await AiosmtpdProcess.StartAsync(port);
        foreach (var notice in notices)
        {
            Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(60))).Status);
        }

        var mail = new MailSink(sink.Maildir);
        foreach (var notice in notices)
        {
            Assert.Single(await mail.MessagesForAsync(notice.NoticeId));
        }
    }

    [Fact]
    public async Task A_notice_still_refused_after_its_deadline_is_failed_and_recorded_as_such()
    {
        var port = FreePort.Next();
        await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: new Dictionary<string, string?>(QuickRetries)
        {
            ["ArScale:Notifier:Retry:Deadline"] = "00:00:02",
        });
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "never@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["never@example.test"]);

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(30));
        Assert.Equal("Failed", row.Status);
        Assert.Contains("gave up after", row.Detail ?? "", StringComparison.Ordinal);
        Assert.Equal(ContactOutcome.Failed, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
    }

    [Fact]
    public async Task A_notice_parked_by_a_notifier_that_stopped_is_sent_by_another()
    {
        var port = FreePort.Next();
        var first = await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: QuickRetries);
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "handover@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["handover@example.test"]);
        await system.PublishAsync(notice);
        await WaitForAttemptsAsync(notice.NoticeId, 2);
        await first.StopAsync();

        await using var sink = await AiosmtpdProcess.StartAsync(port);
        await system.StartNotifierAsync(smtp: $"smtp://127.0.0.1:{port}", settings: QuickRetries);

        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(60))).Status);
        Assert.Single(await new MailSink(sink.Maildir).MessagesForAsync(notice.NoticeId));
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

    private async Task WaitForAttemptsAsync(string noticeId, int attempts, TimeSpan? timeout = null)
    {
        using var waiting = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while ((await system.LogRowAsync(noticeId))?.Attempts is null || (await system.LogRowAsync(noticeId))!.Attempts < attempts)
        {
            await Task.Delay(100, waiting.Token);
        }
    }
}
