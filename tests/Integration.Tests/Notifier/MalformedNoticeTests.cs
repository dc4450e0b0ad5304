using ArScale.Dunning;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>Bad input is logged Failed with its reason and moved to the error queue; nothing retries forever; the next notice still goes out.</summary>
public sealed class MalformedNoticeTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    private const string ErrorQueue = "notice-due_error";

    public async Task InitializeAsync() => await system.StartNotifierAsync();

    public Task DisposeAsync() => system.StopNotifiersAsync();

    public static TheoryData<string, string> BadNotices() => new()
    {
        { "no-recipient", "the notice has no recipient" },
        { "unknown-template", "no template 'dunning.nonexistent' for channel email in locale 'en'" },
        { "unknown-locale", "no template 'dunning.overdue' for channel email in locale 'fr-FR'" },
        { "malformed-address", "is not a valid email address" },
    };

    [Theory]
    [MemberData(nameof(BadNotices))]
    public async Task A_notice_that_can_never_be_sent_is_failed_with_its_reason_and_moved_to_the_error_queue(string kind, string reason)
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "ok@example.test", new Money(10m, "EUR"));
        var notice = kind switch
        {
            "no-recipient" => Notices.Due(accountId, recipients: []),
            "unknown-template" => Notices.Due(accountId, templateKey: "dunning.nonexistent"),
            "unknown-locale" => Notices.Due(accountId, locale: "fr-FR"),
            _ => Notices.Due(accountId, recipients: ["anna(at)example"]),
        };

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Failed", 1), (row.Status, row.Attempts));
        Assert.Contains(reason, row.Detail, StringComparison.Ordinal);
        var moved = await WaitForErrorQueueAsync(notice.NoticeId);
        Assert.Contains(reason, moved, StringComparison.Ordinal);
        await ANoticeAfterwardsIsStillSentAsync(accountId);
    }

    [Fact]
    public async Task A_body_that_does_not_deserialize_goes_to_the_error_queue_and_the_consumer_keeps_going()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "ok@example.test", new Money(10m, "EUR"));
        var marker = Guid.NewGuid().ToString("N");

        await system.Broker.PublishRawAsync("notice-due", $"{{ this is not json {marker}", "application/vnd.masstransit+json");

        await WaitForErrorQueueAsync(marker);
        await ANoticeAfterwardsIsStillSentAsync(accountId);
    }

    private async Task ANoticeAfterwardsIsStillSentAsync(string accountId)
    {
        var good = Notices.Due(accountId, recipients: ["ok@example.test"], outstanding: 10m);
        await system.PublishAsync(good);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(good.NoticeId)).Status);
    }

    /// <summary>The error-queue message carrying <paramref name="marker"/>, with MassTransit's fault headers, as text.</summary>
    private async Task<string> WaitForErrorQueueAsync(string marker)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (true)
        {
            foreach (var (properties, payload) in await system.Broker.TakeAsync(ErrorQueue, 50))
            {
                seen.Add(properties + payload);
            }

            if (seen.FirstOrDefault(message => message.Contains(marker, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            await Task.Delay(250, deadline.Token);
        }
    }
}
