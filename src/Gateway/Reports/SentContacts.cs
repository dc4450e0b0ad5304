using ArScale.Dunning;
using Npgsql;

namespace ArScale.Gateway.Reports;

/// <summary>
/// The customer contacts the Notifier logged Sent, the half of an account's contact history it no longer writes into
/// the account (<see cref="ContactHistory"/>). Read through <c>notice_log_by_account</c>.
/// </summary>
public sealed class SentContacts(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<ContactAttempt>> OfAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT notice_id, channel, completed_at, detail
              FROM notice_log
             WHERE account_id = @account AND status = 'Sent' AND kind IN ('dunning', 'statement')
             ORDER BY first_attempt_at DESC
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("limit", AccountLimits.Contacts);
        var contacts = new List<ContactAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Enum.TryParse<Channel>(reader.GetString(1), ignoreCase: true, out var channel))
            {
                contacts.Add(new ContactAttempt(
                    reader.GetString(0), channel, NoticeOutcome.Sent, reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return contacts;
    }
}
