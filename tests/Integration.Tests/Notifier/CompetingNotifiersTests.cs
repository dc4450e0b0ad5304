using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Notifier;

public sealed class CompetingNotifiersTests(NotifierSystem system) : IClassFixture<NotifierSystem>
{
    [Fact]
    public async Task Two_notifiers_sharing_a_thousand_notices_send_a_thousand_emails_none_twice()
    {
        const int Accounts = 50;
        const int InvoicesPerAccount = 20;
        var run = Guid.NewGuid().ToString("N")[..8];
        var accountIds = new List<string>();
        for (var index = 0; index < Accounts; index++)
        {
            accountIds.Add(await system.CreateAccountAsync("en", "Europe/Berlin", $"c{index}@example.test", [.. Enumerable.Repeat(new Money(10m, "EUR"), InvoicesPerAccount)]));
        }

        await system.StartNotifierAsync();
        await system.StartNotifierAsync();
        var notices = accountIds
            .SelectMany(accountId => Enumerable.Range(1, InvoicesPerAccount).Select(invoice => Notices.Due(
                accountId, outstanding: 10m, invoiceId: $"inv-{invoice}", recipients: [$"{accountId}@example.test"],
                noticeId: $"{accountId}:overdue-7:inv-{invoice}:{run}:email")))
            .ToList();

        // Every notice published twice, as an outbox replay would: still one e-mail each.
        await Task.WhenAll(notices.Concat(notices).Select(notice => system.PublishAsync(notice)));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await system.ScalarAsync("SELECT count(*) FROM notice_log WHERE status = 'Sent' AND notice_id LIKE '%:' || @run || ':email'", ("run", run)) < notices.Count)
        {
            await Task.Delay(250, deadline.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = MailSink.Shared.NoticeIds().Where(id => id.EndsWith($":{run}:email", StringComparison.Ordinal)).ToList();
        Assert.Equal(notices.Count, received.Count);
        Assert.Equal(notices.Count, received.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, await system.ScalarAsync("SELECT count(DISTINCT worker) FROM notice_log WHERE notice_id LIKE '%:' || @run || ':email'", ("run", run)));
    }
}
