using ArScale.Dunning;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>A Notifier that dies holding a notice: the notice is neither lost nor sent twice.</summary>
public sealed class ClaimTakeoverTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopNotifiersAsync();

    [Fact]
    public async Task A_notice_a_crashed_notifier_held_is_sent_once_its_lease_runs_out()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "orphan@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["orphan@example.test"]);
        await system.ScalarAsync(
            """
            WITH orphan AS (
                INSERT INTO notice_log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                        status, attempts, emitted_at, first_attempt_at, last_attempt_at, worker, claimed_until)
                VALUES (@id, 'dunning', @account, ARRAY['inv-1'], 'overdue-7', 'dunning.overdue', 'email', 'en', 'o***@example.test',
                        'Sending', 1, now(), now(), now(), 'crashed-notifier', now() + interval '3 seconds')
                RETURNING 1)
            SELECT count(*) FROM orphan
            """,
            ("id", notice.NoticeId), ("account", accountId));

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(30));
        Assert.Equal(("Sent", 2), (row.Status, row.Attempts));
        Assert.NotEqual("crashed-notifier", row.Worker);
        await MailSink.Shared.WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(10));
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_second_copy_of_a_notice_in_flight_waits_for_the_first_and_sends_nothing()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "twice@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["twice@example.test"]);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => system.PublishAsync(notice)));

        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
        await MailSink.Shared.WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
        Assert.Empty(await system.Broker.TakeAsync("notice-due_error", 10));
    }
}
