using ArScale.Load.Baseline.Reminders;
using Hangfire;

namespace ArScale.Load.Baseline.Invoices;

/// <summary>
/// <c>POST /invoices</c>: store a batch of invoices and schedule each new one's reminder job at its due instant.
/// <c>PUT /invoices/due</c>: the due instant of some invoices moved: reschedule their reminder jobs.
/// <c>GET /reminders/stats</c>: Hangfire's own job counts (scheduled, enqueued, processing, succeeded, failed), and the
/// SMTP connections the mailer opened and discarded.
/// </summary>
public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/invoices", async (InvoiceBatch batch, InvoiceStore store, IBackgroundJobClient jobs, CancellationToken cancellationToken) =>
        {
            if (batch.Invoices is not { Count: > 0 } invoices)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["invoices"] = ["at least one invoice is required"] });
            }

            var added = await store.AddAsync(invoices, cancellationToken);
            var scheduled = added
                .Select(invoice => (invoice.InvoiceId, jobs.Schedule<DueReminderJob>(job => job.SendAsync(invoice.InvoiceId, CancellationToken.None), invoice.DueAt)))
                .ToList();
            await store.SetReminderJobsAsync(scheduled, cancellationToken);
            return Results.Ok(new { received = invoices.Count, scheduled = scheduled.Count });
        });

        app.MapPut("/invoices/due", async (DueMoved moved, InvoiceStore store, IBackgroundJobClient jobs, CancellationToken cancellationToken) =>
        {
            if (moved.InvoiceIds is not { Count: > 0 } invoiceIds)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["invoiceIds"] = ["at least one invoice id is required"] });
            }

            var reminders = await store.MoveDueAsync(invoiceIds, moved.DueAt, cancellationToken);
            var rescheduled = reminders.Count(jobId => jobs.Reschedule(jobId, moved.DueAt));
            return Results.Ok(new { received = invoiceIds.Count, rescheduled });
        });

        app.MapGet("/reminders/stats", (JobStorage storage, IReminderMailer mailer) =>
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return Results.Ok(new
            {
                scheduled = statistics.Scheduled,
                enqueued = statistics.Enqueued,
                processing = statistics.Processing,
                succeeded = statistics.Succeeded,
                failed = statistics.Failed,
                smtpConnections = mailer.ConnectionsOpened,
                smtpDiscarded = mailer.ConnectionsDiscarded,
            });
        });

        return app;
    }
}

public sealed record InvoiceBatch(IReadOnlyList<Invoice>? Invoices);

public sealed record DueMoved(IReadOnlyList<string>? InvoiceIds, DateTimeOffset DueAt);
