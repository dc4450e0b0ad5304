using Npgsql;

namespace ArScale.Gateway.Reports;

/// <summary>
/// The portfolio as the projections hold it, in SQL: never a fan-out to the grains. Amounts are always per
/// currency; a report never adds euros to dollars.
/// </summary>
public sealed class PortfolioReports(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<AgingRow>> AgingAsync(AgingGrouping groupBy, CancellationToken cancellationToken)
    {
        var key = groupBy switch
        {
            AgingGrouping.Segment => "s.segment",
            AgingGrouping.Collector => "coalesce(s.collector_id, 'unassigned')",
            _ => "b.currency",
        };
        await using var command = database.CreateCommand($"""
            SELECT {key}, b.currency, count(*), sum(b.balance), sum(b.current), sum(b.days_1_30), sum(b.days_31_60), sum(b.days_61_90), sum(b.days_90_up)
              FROM account_summary s JOIN account_balance b USING (account_id)
             GROUP BY 1, 2 ORDER BY 1, 2
            """);
        var rows = new List<AgingRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AgingRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5),
                reader.GetDecimal(6), reader.GetDecimal(7), reader.GetDecimal(8)));
        }

        return rows;
    }

    public async Task<Page<OverdueAccount>> OverdueAsync(OverdueSort sort, string? currency, int page, int pageSize, CancellationToken cancellationToken)
    {
        var order = sort == OverdueSort.Amount ? "overdue DESC, s.max_days_past_due DESC" : "s.max_days_past_due DESC, overdue DESC";
        await using var command = database.CreateCommand($"""
            SELECT s.account_id, s.customer_name, s.segment, s.collector_id, s.stage, s.max_days_past_due, b.currency,
                   b.days_1_30 + b.days_31_60 + b.days_61_90 + b.days_90_up AS overdue, b.balance, count(*) OVER ()
              FROM account_summary s JOIN account_balance b USING (account_id)
             WHERE s.max_days_past_due > 0 AND (@currency::text IS NULL OR b.currency = @currency)
               AND b.days_1_30 + b.days_31_60 + b.days_61_90 + b.days_90_up > 0
             ORDER BY {order}, s.account_id
             LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddWithValue("currency", NpgsqlTypes.NpgsqlDbType.Text, (object?)currency ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", pageSize);
        command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        var items = new List<OverdueAccount>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OverdueAccount(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.GetDecimal(7), reader.GetDecimal(8)));
            total = reader.GetInt64(9);
        }

        return new Page<OverdueAccount>(page, pageSize, total, items);
    }

    public async Task<IReadOnlyList<WorkItem>> CollectorQueueAsync(string collectorId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT t.task_id, t.account_id, s.customer_name, t.stage, t.invoice_ids, t.amount_overdue::text, t.follow_up_by, s.max_days_past_due,
                   t.follow_up_by < current_date AS late
              FROM collector_task t JOIN account_summary s USING (account_id)
             WHERE t.collector_id = @collector AND NOT t.notify_only AND s.max_days_past_due > 0
             ORDER BY t.follow_up_by NULLS LAST, s.max_days_past_due DESC
            """);
        command.Parameters.AddWithValue("collector", collectorId);
        var items = new List<WorkItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new WorkItem(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4),
                // Stored by the projection in .NET's default casing; read case-insensitively so the API answers in its own camelCase.
                System.Text.Json.JsonSerializer.Deserialize<IReadOnlyList<CurrencyAmount>>(reader.GetString(5), Billing.JsonBody.Options) ?? [],
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetInt32(7), !reader.IsDBNull(8) && reader.GetBoolean(8)));
        }

        return items;
    }

    public async Task<IReadOnlyList<NoticeOutcomeRow>> NoticeOutcomesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT (coalesce(completed_at, last_attempt_at) AT TIME ZONE 'UTC')::date AS day, stage, channel, status, count(*)
              FROM notice_log
             WHERE coalesce(completed_at, last_attempt_at) >= @from AND coalesce(completed_at, last_attempt_at) < @to
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """);
        command.Parameters.AddWithValue("from", from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        command.Parameters.AddWithValue("to", to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var rows = new List<NoticeOutcomeRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NoticeOutcomeRow(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Days sales outstanding per currency: receivables now over credit sales in the last <paramref name="days"/> days, times the days.</summary>
    public async Task<IReadOnlyList<DsoRow>> DsoAsync(int days, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH receivables AS (SELECT currency, sum(balance) AS amount FROM account_balance GROUP BY currency),
                 sales AS (SELECT currency, sum(amount) AS amount FROM invoice_sale WHERE issue_date > @since GROUP BY currency)
            SELECT coalesce(r.currency, s.currency), coalesce(r.amount, 0), coalesce(s.amount, 0)
              FROM receivables r FULL JOIN sales s USING (currency)
             ORDER BY 1
            """);
        command.Parameters.AddWithValue("since", today.AddDays(-days));
        var rows = new List<DsoRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var receivables = reader.GetDecimal(1);
            var sales = reader.GetDecimal(2);
            rows.Add(new DsoRow(reader.GetString(0), receivables, sales, days, sales > 0 ? decimal.Round(receivables / sales * days, 1) : null));
        }

        return rows;
    }
}

public enum AgingGrouping
{
    Segment,
    Currency,
    Collector,
}

public enum OverdueSort
{
    Amount,
    DaysPastDue,
}

public sealed record AgingRow(string Group, string Currency, long Accounts, decimal Balance, decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90);

public sealed record OverdueAccount(string AccountId, string CustomerName, string Segment, string? CollectorId, string? Stage, int MaxDaysPastDue, string Currency, decimal Overdue, decimal Balance);

public sealed record Page<T>(int Number, int Size, long Total, IReadOnlyList<T> Items);

public sealed record WorkItem(string TaskId, string AccountId, string CustomerName, string Stage, IReadOnlyList<string> InvoiceIds, IReadOnlyList<CurrencyAmount> AmountOverdue, DateOnly? FollowUpBy, int MaxDaysPastDue, bool Late);

public sealed record NoticeOutcomeRow(DateOnly Day, string Stage, string Channel, string Status, long Notices);

public sealed record DsoRow(string Currency, decimal Receivables, decimal CreditSales, int PeriodDays, decimal? Dso);
