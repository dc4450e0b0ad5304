using System.Net;
using System.Text.Json;

namespace ArScale.Integration.Tests.Gateway;

/// <summary><c>POST /api/v1/notices/{id}/reopen</c>: an operator sends a Failed notice again.</summary>
public sealed class NoticeReopenApiTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task A_failed_notice_with_its_message_becomes_due_at_once_with_a_new_deadline()
    {
        var noticeId = await LogAsync("Failed", parked: true);
        using var collections = system.Collections();

        using var response = await collections.PostAsync($"api/v1/notices/{Uri.EscapeDataString(noticeId)}/reopen", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Retrying", (await Answers.JsonAsync(response)).GetProperty("status").GetString());
        Assert.Equal(1, await system.ScalarAsync(
            """
            SELECT count(*) FROM notice_log
             WHERE notice_id = @id AND status = 'Retrying' AND next_attempt_at <= now() AND retry_until IS NULL AND completed_at IS NULL
               AND detail LIKE 're-opened by collections%after: smtp down'
            """, ("id", noticeId)));
    }

    [Fact]
    public async Task Re_opening_twice_changes_nothing_the_second_time()
    {
        var noticeId = await LogAsync("Failed", parked: true);
        using var collections = system.Collections();
        using var first = await collections.PostAsync($"api/v1/notices/{Uri.EscapeDataString(noticeId)}/reopen", null);

        using var second = await collections.PostAsync($"api/v1/notices/{Uri.EscapeDataString(noticeId)}/reopen", null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Retrying", (await Answers.JsonAsync(second)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sent", true, HttpStatusCode.Conflict)]
    [InlineData("Failed", false, HttpStatusCode.Conflict)]
    public async Task Only_a_failed_notice_that_was_parked_can_be_re_opened(string status, bool parked, HttpStatusCode expected)
    {
        var noticeId = await LogAsync(status, parked);
        using var collections = system.Collections();

        using var response = await collections.PostAsync($"api/v1/notices/{Uri.EscapeDataString(noticeId)}/reopen", null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(1, await system.ScalarAsync("SELECT count(*) FROM notice_log WHERE notice_id = @id AND status = @status", ("id", noticeId), ("status", status)));
    }

    [Fact]
    public async Task An_unknown_notice_is_404_and_a_reader_may_not_re_open()
    {
        using var collections = system.Collections();
        using var unknown = await collections.PostAsync("api/v1/notices/nobody%3Aoverdue-7%3Ainv-1%3Aemail/reopen", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var noticeId = await LogAsync("Failed", parked: true);
        using var reports = system.Reports();
        using var refused = await reports.PostAsync($"api/v1/notices/{Uri.EscapeDataString(noticeId)}/reopen", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, await system.ScalarAsync("SELECT count(*) FROM notice_log WHERE notice_id = @id AND status = 'Failed'", ("id", noticeId)));
    }

    private async Task<string> LogAsync(string status, bool parked)
    {
        var noticeId = $"acc-{Guid.NewGuid():N}:overdue-7:inv-1:email";
        await system.ScalarAsync(
            """
            WITH logged AS (
                INSERT INTO notice_log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient,
                                        status, attempts, detail, emitted_at, first_attempt_at, last_attempt_at, completed_at, worker,
                                        payload_type, payload)
                VALUES (@id, 'dunning', 'acc', ARRAY['inv-1'], 'overdue-7', 'dunning.overdue', 'email', 'en', 'a***@example.test',
                        @status, 3, 'smtp down', now(), now(), now(), now(), 'notifier-1',
                        CASE WHEN @parked THEN 'NoticeDue' END, CASE WHEN @parked THEN '{}'::jsonb END)
                RETURNING 1)
            SELECT count(*) FROM logged
            """,
            ("id", noticeId), ("status", status), ("parked", parked));
        return noticeId;
    }
}
