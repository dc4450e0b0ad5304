using ArScale.Gateway.Telemetry;
using Npgsql;

namespace ArScale.Gateway.Billing;

/// <summary>
/// Invoices the accounts accepted, kept for DSO; duplicates are recorded too, so a lost first answer leaves no gap.
/// Every ingest path (single, batch, AMQP) passes here, so this is where new invoices are counted.
/// </summary>
public sealed class SalesLedger(NpgsqlDataSource database, GatewayMetrics metrics)
{
    public async Task RecordAsync(IEnumerable<(string AccountId, Dunning.IssueInvoice Invoice)> invoices, CancellationToken cancellationToken)
    {
        var rows = invoices.ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = database.CreateCommand("""
            INSERT INTO invoice_sale (invoice_id, account_id, currency, amount, issue_date)
            SELECT * FROM unnest(@invoice_ids, @account_ids, @currencies, @amounts, @issue_dates)
            ON CONFLICT (account_id, invoice_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("invoice_ids", rows.Select(row => row.Invoice.InvoiceId).ToArray());
        command.Parameters.AddWithValue("account_ids", rows.Select(row => row.AccountId).ToArray());
        command.Parameters.AddWithValue("currencies", rows.Select(row => row.Invoice.Amount.Currency).ToArray());
        command.Parameters.AddWithValue("amounts", rows.Select(row => row.Invoice.Amount.Amount).ToArray());
        command.Parameters.AddWithValue("issue_dates", rows.Select(row => row.Invoice.IssueDate).ToArray());
        metrics.InvoicesIngested(await command.ExecuteNonQueryAsync(cancellationToken));
    }
}
