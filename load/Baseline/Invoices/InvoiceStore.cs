using Npgsql;

namespace ArScale.Load.Baseline.Invoices;

/// <summary>The invoices table: written when invoices arrive, read by each reminder job, marked when the reminder is sent.</summary>
public sealed class InvoiceStore(NpgsqlDataSource database)
{
    /// <summary>Stores the invoices not stored yet (an invoice id is stored once); returns those that were new.</summary>
    public async Task<IReadOnlyList<Invoice>> AddAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = new List<Invoice>();
        foreach (var invoice in invoices)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO invoice (invoice_id, account_id, customer_name, email, amount, currency, due_date, due_at, locale, time_zone)
                VALUES (@invoice_id, @account_id, @customer_name, @email, @amount, @currency, @due_date, @due_at, @locale, @time_zone)
                ON CONFLICT (invoice_id) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("invoice_id", invoice.InvoiceId);
            insert.Parameters.AddWithValue("account_id", invoice.AccountId);
            insert.Parameters.AddWithValue("customer_name", invoice.CustomerName);
            insert.Parameters.AddWithValue("email", invoice.Email);
            insert.Parameters.AddWithValue("amount", invoice.Amount);
            insert.Parameters.AddWithValue("currency", invoice.Currency);
            insert.Parameters.AddWithValue("due_date", invoice.DueDate);
            insert.Parameters.AddWithValue("due_at", invoice.DueAt.ToUniversalTime());
            insert.Parameters.AddWithValue("locale", invoice.Locale);
            insert.Parameters.AddWithValue("time_zone", invoice.TimeZone);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                added.Add(invoice);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Remembers the Hangfire job that reminds of each invoice, so a change of due time can move it.</summary>
    public async Task SetReminderJobsAsync(IReadOnlyList<(string InvoiceId, string JobId)> jobs, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE invoice SET reminder_job = job.id FROM unnest(@invoice_ids, @job_ids) AS job(invoice_id, id) WHERE invoice.invoice_id = job.invoice_id");
        command.Parameters.AddWithValue("invoice_ids", jobs.Select(job => job.InvoiceId).ToArray());
        command.Parameters.AddWithValue("job_ids", jobs.Select(job => job.JobId).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves the due instant of these invoices; returns each one's reminder job (unknown invoices are left out).</summary>
    public async Task<IReadOnlyList<string>> MoveDueAsync(IReadOnlyList<string> invoiceIds, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE invoice SET due_at = @due_at WHERE invoice_id = ANY(@invoice_ids) AND reminder_job IS NOT NULL RETURNING reminder_job");
        command.Parameters.AddWithValue("due_at", dueAt.ToUniversalTime());
        command.Parameters.AddWithValue("invoice_ids", invoiceIds.ToArray());
        var jobs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(reader.GetString(0));
        }

        return jobs;
    }

    public async Task<OpenInvoice?> FindAsync(string invoiceId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT account_id, customer_name, email, amount, currency, due_date, locale, time_zone, reminded_at FROM invoice WHERE invoice_id = @invoice_id");
        command.Parameters.AddWithValue("invoice_id", invoiceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var invoice = new Invoice(
            invoiceId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetString(4),
            reader.GetFieldValue<DateOnly>(5), default, reader.GetString(6), reader.GetString(7));
        return new OpenInvoice(invoice, reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
    }

    public async Task MarkRemindedAsync(string invoiceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE invoice SET reminded_at = @at WHERE invoice_id = @invoice_id");
        command.Parameters.AddWithValue("invoice_id", invoiceId);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An invoice as the reminder job reads it, with when it was reminded, if it was.</summary>
public sealed record OpenInvoice(Invoice Invoice, DateTimeOffset? RemindedAt);
