using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using Npgsql;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>
/// The e-mail is out, then PostgreSQL refuses to log it Sent (a restart, a pool out of connections). Counting that as a
/// failed send would send it again on the retry; the Notifier instead keeps logging it until the database answers.
/// </summary>
public sealed class SentLogFailureTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    public async Task InitializeAsync() => await system.StartNotifierAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sent_notice_whose_Sent_log_write_fails_twice_is_logged_Sent_once_and_never_sent_again()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "sam@example.test", new Money(310m, "EUR"));
        var notice = Notices.Due(accountId, recipients: ["sam@example.test"]);
        await RefuseSentLogWritesAsync(notice.NoticeId, times: 2);

        await system.PublishAsync(notice);

        await MailSink.Shared.WaitForAsync(notice.NoticeId, TimeSpan.FromSeconds(30));
        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Sent", 1), (row.Status, row.Attempts));
        Assert.Equal(3, await system.ScalarAsync("SELECT last_value FROM refused_sent_log_writes"));
        Assert.Equal(NoticeOutcome.Sent, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);

        // Long enough for a retried delivery to have sent a second copy.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    /// <summary>
    /// A trigger fails the first <paramref name="times"/> writes of Sent for the notice, as a dropped connection would.
    /// The count is a sequence: a failed transaction rolls back a counter in a table, not a sequence's nextval.
    /// </summary>
    private async Task RefuseSentLogWritesAsync(string noticeId, int times)
    {
        await using var connection = new NpgsqlConnection(system.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE SEQUENCE refused_sent_log_writes;
            CREATE FUNCTION refuse_sent_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.status = 'Sent' AND NEW.notice_id = '{noticeId.Replace("'", "''", StringComparison.Ordinal)}'
                   AND nextval('refused_sent_log_writes') <= {times} THEN
                    RAISE EXCEPTION 'connection lost (simulated)' USING ERRCODE = '08006';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_sent_log_write BEFORE UPDATE ON notice_log FOR EACH ROW EXECUTE FUNCTION refuse_sent_log_write();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
