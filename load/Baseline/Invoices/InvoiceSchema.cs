using Npgsql;

namespace ArScale.Load.Baseline.Invoices;

/// <summary>Creates the invoices table at start (Hangfire creates its own schema the same way).</summary>
public sealed class InvoiceSchema(NpgsqlDataSource database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            CREATE TABLE IF NOT EXISTS invoice (
                invoice_id    text          NOT NULL PRIMARY KEY,
                account_id    text          NOT NULL,
                customer_name text          NOT NULL,
                email         text          NOT NULL,
                amount        numeric(18,2) NOT NULL,
                currency      text          NOT NULL,
                due_date      date          NOT NULL,
                due_at        timestamptz   NOT NULL,
                locale        text          NOT NULL,
                time_zone     text          NOT NULL,
                reminder_job  text,
                reminded_at   timestamptz
            )
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
