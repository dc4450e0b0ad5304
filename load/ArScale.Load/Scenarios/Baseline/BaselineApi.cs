using System.Net.Http.Json;
using ArScale.Load.Infrastructure;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>The Hangfire baseline's HTTP API (<c>load/Baseline/Invoices/InvoicesApi.cs</c>): invoices in, job counts out.</summary>
public sealed class BaselineApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Stores the invoices and schedules their reminder jobs; returns how many were scheduled.</summary>
    public async Task<int> AddInvoicesAsync(IReadOnlyList<BaselineInvoice> invoices, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("invoices", new { invoices }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadFailedException($"the baseline refused a batch of invoices: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<AddedInvoices>(cancellationToken))?.Scheduled ?? 0;
    }

    /// <summary>Moves the invoices' due instant; the app reschedules their jobs. Returns how many were rescheduled.</summary>
    public async Task<int> MoveDueAsync(IReadOnlyList<string> invoiceIds, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync("invoices/due", new { invoiceIds, dueAt }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadFailedException($"the baseline refused to move due instants: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<MovedInvoices>(cancellationToken))?.Rescheduled ?? 0;
    }

    public async Task<HangfireCounts> CountsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<HangfireCounts>("reminders/stats", cancellationToken)
            ?? throw new LoadFailedException("the baseline answered no job counts");

    public void Dispose() => http.Dispose();

    private sealed record AddedInvoices(int Received, int Scheduled);

    private sealed record MovedInvoices(int Received, int Rescheduled);
}

/// <summary>An invoice as the baseline's <c>POST /invoices</c> takes it.</summary>
public sealed record BaselineInvoice(
    string InvoiceId, string AccountId, string CustomerName, string Email, decimal Amount, string Currency,
    DateOnly DueDate, DateTimeOffset DueAt, string Locale, string TimeZone);

/// <summary>
/// Hangfire's own job counts (a job waiting for a retry counts as scheduled), and the SMTP connections the app's
/// mailer opened and gave up after a failed send.
/// </summary>
public sealed record HangfireCounts(long Scheduled, long Enqueued, long Processing, long Succeeded, long Failed, long SmtpConnections, long SmtpDiscarded)
{
    public long Pending => Scheduled + Enqueued + Processing;
}
