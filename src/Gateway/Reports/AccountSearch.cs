using Npgsql;

namespace ArScale.Gateway.Reports;

/// <summary>Finds accounts in the account summary projection by the start of their id or of the customer's name, any case.</summary>
public sealed class AccountSearch(NpgsqlDataSource database)
{
    public const int MaxQueryLength = 100;

    public async Task<Page<AccountMatch>> SearchAsync(string query, int page, int pageSize, CancellationToken cancellationToken)
    {
        // The exact id first, then matching ids in order, then matching names alphabetically: what someone typing an account number expects on top.
        await using var command = database.CreateCommand("""
            SELECT s.account_id, s.customer_name, s.segment, s.collector_id, s.stage, s.max_days_past_due, s.dunning_paused,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('currency', b.currency, 'amount', b.balance) ORDER BY b.currency)
                               FROM account_balance b WHERE b.account_id = s.account_id), '[]')::text,
                   count(*) OVER ()
              FROM account_summary s
             WHERE s.account_id LIKE @prefix ESCAPE '\' OR lower(s.customer_name) LIKE lower(@prefix) ESCAPE '\'
             ORDER BY s.account_id = @query DESC, s.account_id LIKE @prefix ESCAPE '\' DESC,
                      CASE WHEN s.account_id LIKE @prefix ESCAPE '\' THEN s.account_id END, s.customer_name, s.account_id
             LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("query", query);
        command.Parameters.AddWithValue("prefix", EscapeLike(query) + "%");
        command.Parameters.AddWithValue("limit", pageSize);
        command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        var items = new List<AccountMatch>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AccountMatch(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetBoolean(6),
                System.Text.Json.JsonSerializer.Deserialize<IReadOnlyList<CurrencyAmount>>(reader.GetString(7), Billing.JsonBody.Options) ?? []));
            total = reader.GetInt64(8);
        }

        return new Page<AccountMatch>(page, pageSize, total, items);
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

public sealed record AccountMatch(
    string AccountId, string CustomerName, string Segment, string? CollectorId, string? Stage, int MaxDaysPastDue, bool DunningPaused,
    IReadOnlyList<CurrencyAmount> Balances);

public sealed record CurrencyAmount(string Currency, decimal Amount);
