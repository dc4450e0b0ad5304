using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ArScale.Notifier.Notices;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>The retry pump sends parked notices from the message stored with them: no broker delivery is needed.</summary>
public sealed class NoticeRetryPumpTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => system.StopNotifiersAsync();

    [Fact]
    public async Task A_due_parked_notice_is_sent_from_its_stored_message_once()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "parked@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["parked@example.test"]);

        await ParkAsync(notice, status: "Retrying", claimedUntil: null);

        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(30))).Status);
        await MailSink.Shared.WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_parked_notice_a_dead_worker_held_is_taken_over_when_its_lease_ends()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "taken@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["taken@example.test"]);

        await ParkAsync(notice, status: "Sending", claimedUntil: TimeSpan.FromSeconds(2));

        var row = await system.WaitForOutcomeAsync(notice.NoticeId, TimeSpan.FromSeconds(30));
        Assert.Equal("Sent", row.Status);
        Assert.NotEqual("dead-notifier", row.Worker);
    }

    [Fact]
    public async Task A_parked_notice_is_not_tried_before_its_time()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "later@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["later@example.test"]);

        await ParkAsync(notice, status: "Retrying", claimedUntil: null, nextAttemptIn: TimeSpan.FromMinutes(10));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(("Retrying", 1), ((await system.LogRowAsync(notice.NoticeId))!.Status, (await system.LogRowAsync(notice.NoticeId))!.Attempts));
    }

    private Task<long> ParkAsync(ArScale.Contracts.Events.NoticeDue notice, string status, TimeSpan? claimedUntil, TimeSpan? nextAttemptIn = null)
    {
        var (type, payload) = NoticeSources.Serialize(notice);
        return system.ScalarAsync(
            """
            WITH parked AS (
                INSERT INTO notice_log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                        status, attempts, detail, emitted_at, first_attempt_at, last_attempt_at, worker, claimed_until,
                                        next_attempt_at, payload_type, payload)
                VALUES (@id, 'dunning', @account, ARRAY['inv-1'], 'overdue-7', 'dunning.overdue', 'email', 'en', 'p***@example.test',
                        @status, 1, 'cannot reach the SMTP server', now(), now(), now(), 'dead-notifier', now() + @claimed::interval,
                        now() + @next::interval, @type, @payload::jsonb)
                RETURNING 1)
            SELECT count(*) FROM parked
            """,
            ("id", notice.NoticeId), ("account", notice.AccountId), ("status", status),
            ("claimed", claimedUntil is { } lease ? $"{lease.TotalSeconds} seconds" : "0 seconds"),
            ("next", $"{(nextAttemptIn ?? TimeSpan.Zero).TotalSeconds} seconds"), ("type", type), ("payload", payload));
    }
}
