namespace ArScale.Dunning.Tests.Accounts;

public sealed class ContactHistoryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sent_notices_from_the_log_and_refusals_from_the_account_are_one_history_in_time_order()
    {
        var recorded = new[] { Contact("a:2", NoticeOutcome.Bounced, 2) };
        var logged = new[] { Contact("a:1", NoticeOutcome.Sent, 1), Contact("a:3", NoticeOutcome.Sent, 3) };

        var history = ContactHistory.Merge(recorded, logged);

        Assert.Equal(["a:1", "a:2", "a:3"], history.Select(contact => contact.NoticeId));
    }

    [Fact]
    public void A_sent_notice_an_older_account_recorded_itself_is_listed_once()
    {
        var recorded = new[] { Contact("a:1", NoticeOutcome.Sent, 1) };
        var logged = new[] { Contact("a:1", NoticeOutcome.Sent, 1) };

        Assert.Single(ContactHistory.Merge(recorded, logged));
    }

    [Fact]
    public void A_notice_that_failed_then_was_sent_after_a_reopen_keeps_both_entries()
    {
        var recorded = new[] { Contact("a:1", NoticeOutcome.Failed, 1) };
        var logged = new[] { Contact("a:1", NoticeOutcome.Sent, 5) };

        Assert.Equal([NoticeOutcome.Failed, NoticeOutcome.Sent], ContactHistory.Merge(recorded, logged).Select(contact => contact.Outcome));
    }

    [Fact]
    public void Only_the_newest_entries_are_kept_past_the_limit()
    {
        var logged = Enumerable.Range(1, 10).Select(day => Contact($"a:{day}", NoticeOutcome.Sent, day)).ToList();

        var history = ContactHistory.Merge([], logged, limit: 3);

        Assert.Equal(["a:8", "a:9", "a:10"], history.Select(contact => contact.NoticeId));
    }

    private static ContactAttempt Contact(string noticeId, NoticeOutcome outcome, int day) =>
        new(noticeId, Channel.Email, outcome, Monday.AddDays(day), null);
}
