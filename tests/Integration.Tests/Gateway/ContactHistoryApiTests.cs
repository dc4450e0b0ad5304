using System.Net.Http.Json;
using System.Text.Json;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// <c>GET /api/v1/accounts/{id}/history</c> lists the contacts of both sources: a notice the Notifier logged Sent
/// (recorded there alone) and an outcome the account recorded itself.
/// </summary>
public sealed class ContactHistoryApiTests(ConsoleSystem system) : IClassFixture<ConsoleSystem>
{
    [Fact]
    public async Task A_notice_logged_sent_is_a_contact_in_the_account_history_and_another_accounts_is_not()
    {
        var accountId = await system.CreateAccountAsync();
        var otherId = await system.CreateAccountAsync();
        var noticeId = $"{accountId}:due:INV-1:2026-12-01:email";
        await LogSentAsync(noticeId, accountId);
        await LogSentAsync($"{otherId}:due:INV-9:2026-12-01:email", otherId);

        using var reports = system.Client(ConsoleSystem.ReportsKey);
        var history = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts/{accountId}/history");

        var contact = Assert.Single(history.GetProperty("contacts").EnumerateArray());
        Assert.Equal(noticeId, contact.GetProperty("noticeId").GetString());
        Assert.Equal("sent", contact.GetProperty("outcome").GetString());
        Assert.Equal("email", contact.GetProperty("channel").GetString());
    }

    private async Task LogSentAsync(string noticeId, string accountId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(system.Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            INSERT INTO notice_log (notice_id, kind, account_id, stage, template_key, channel, locale, recipient, status, attempts,
                                    detail, emitted_at, first_attempt_at, last_attempt_at, completed_at, worker)
            VALUES (@id, 'dunning', @account, 'due', 'dunning.due', 'email', 'en', 'a@example.test', 'Sent', 1,
                    '250 OK', now(), now(), now(), now(), 'test')
            """, connection);
        command.Parameters.AddWithValue("id", noticeId);
        command.Parameters.AddWithValue("account", accountId);
        await command.ExecuteNonQueryAsync();
    }
}
