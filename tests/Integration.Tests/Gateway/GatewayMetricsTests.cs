using System.Globalization;
using System.Net.Http.Json;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>The Gateway's <c>/metrics</c>: Prometheus text, open to a scraper without a key, counting new invoices once.</summary>
public sealed class GatewayMetricsTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task An_invoice_is_counted_as_ingested_once_however_often_it_is_sent()
    {
        var accountId = await system.CreateAccountAsync();
        using var billing = system.Billing();
        var invoice = new { invoiceId = "INV-M1", amount = 80m, currency = "EUR", issueDate = "2026-11-01", dueDate = "2026-12-01" };
        var before = await IngestedAsync();

        (await billing.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", invoice)).Dispose();
        (await billing.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", invoice)).Dispose();
        (await billing.PostAsJsonAsync("api/v1/invoices/batch", new { invoices = new[] { new { accountId, invoice.invoiceId, invoice.amount, invoice.currency, invoice.issueDate, invoice.dueDate } } })).Dispose();

        Assert.Equal(before + 1, await IngestedAfterAsync(before));
    }

    /// <summary>The exporter answers a scrape from a cache for a fraction of a second: read until the count moves.</summary>
    private async Task<long> IngestedAfterAsync(long before)
    {
        var count = await IngestedAsync();
        for (var attempt = 0; attempt < 20 && count == before; attempt++)
        {
            await Task.Delay(250);
            count = await IngestedAsync();
        }

        return count;
    }

    private async Task<long> IngestedAsync()
    {
        // No API key: a Prometheus scraper has none.
        using var scraper = system.Gateway.CreateClient();
        var text = await scraper.GetStringAsync("metrics");
        var line = text.Split('\n').FirstOrDefault(line => line.StartsWith("arscale_invoices_ingested_total", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
