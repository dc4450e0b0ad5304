using System.Net.Http.Json;
using System.Text.Json;
using ArScale.Contracts.Accounts;
using ArScale.Contracts.Billing;

namespace ArScale.Integration.Tests.Gateway;

public sealed class IngestAndReportsTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    private static readonly string[] Segments = ["standard", "priority", "key-account"];
    private static readonly string[] Currencies = ["EUR", "USD"];

    [Fact]
    public async Task Invoices_and_payments_published_on_the_bus_are_applied_like_the_http_api_applies_them()
    {
        var accountId = await system.CreateAccountAsync();

        await system.PublishAsync(new InvoiceIssued(accountId, "AMQP-1", 250m, "EUR", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
        await system.PublishAsync(new InvoiceIssued(accountId, "AMQP-1", 250m, "EUR", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
        await system.PublishAsync(new PaymentReceived(accountId, "AMQP-P1", 100m, "EUR", new DateOnly(2026, 11, 20), "AMQP-1"));

        await Eventually(async () =>
        {
            var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
            return snapshot.Invoices.SingleOrDefault()?.Outstanding.Amount == 150m;
        });
    }

    [Fact]
    public async Task A_message_the_account_refuses_goes_to_the_error_queue_with_the_reason()
    {
        var accountId = await system.CreateAccountAsync();

        await system.PublishAsync(new InvoiceIssued(accountId, "AMQP-BAD", -1m, "EUR", new DateOnly(2026, 11, 1)));

        string? reason = null;
        await Eventually(async () =>
        {
            foreach (var (properties, _) in await system.Broker.TakeAsync("invoice-issued_error", 10))
            {
                reason = properties.ToString();
            }

            return reason is not null;
        });
        Assert.Contains("amount", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice-issued", "InvoiceIssued", """{ "invoiceId": "NO-DATE-1", "amount": 10, "currency": "EUR", "dueDate": "2026-12-01" }""", "issueDate")]
    [InlineData("payment-received", "PaymentReceived", """{ "paymentId": "NO-DATE-P1", "amount": 10, "currency": "EUR" }""", "date")]
    public async Task A_message_without_its_date_goes_to_the_error_queue_at_once_naming_the_date_and_stores_nothing(string queue, string type, string fields, string date)
    {
        var accountId = await system.CreateAccountAsync();
        var message = fields.Replace("{ ", $"{{ \"accountId\": \"{accountId}\", ", StringComparison.Ordinal);
        var envelope = $$"""{ "messageId": "{{Guid.NewGuid()}}", "messageType": ["urn:message:ArScale.Contracts.Billing:{{type}}"], "message": {{message}} }""";

        await system.Broker.PublishRawAsync(queue, envelope, "application/vnd.masstransit+json");

        // At once: a message that cannot be read never succeeds, so it must not wait out the transient-failure retries.
        var reason = await ErrorQueue.FirstMessageAsync(system, $"{queue}_error", TimeSpan.FromSeconds(10));
        Assert.Contains(date, reason, StringComparison.OrdinalIgnoreCase);
        var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
        Assert.Empty(snapshot.Invoices);
        Assert.Empty(snapshot.Credit);
    }

    [Fact]
    public async Task After_a_thousand_random_operations_over_a_hundred_accounts_the_aging_report_equals_what_the_grains_say()
    {
        var random = new Random(20261123);
        var accounts = new List<string>();
        for (var index = 0; index < 100; index++)
        {
            accounts.Add(await system.CreateAccountAsync(Segments[index % Segments.Length]));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var invoices = new List<(string AccountId, string InvoiceId, string Currency)>();
        using var client = system.Billing();
        for (var round = 0; round < 10; round++)
        {
            var operations = Enumerable.Range(0, 100).Select(_ => accounts[random.Next(accounts.Count)]).ToList();
            var newInvoices = operations.Take(70).Select(accountId =>
            {
                var issued = today.AddDays(-random.Next(0, 150));
                var invoice = (accountId, $"R-{round}-{Guid.NewGuid():N}"[..20], Currencies[random.Next(2)]);
                invoices.Add(invoice);
                return new { accountId, invoiceId = invoice.Item2, amount = random.Next(10, 5000) + 0.25m, currency = invoice.Item3, issueDate = issued, dueDate = issued.AddDays(30) };
            }).ToList();
            using var issued = await client.PostAsJsonAsync("api/v1/invoices/batch", new { invoices = newInvoices });
            Assert.True(issued.IsSuccessStatusCode);

            var payments = Enumerable.Range(0, 30).Select(_ => invoices[random.Next(invoices.Count)]).Select(invoice => new
            {
                accountId = invoice.AccountId, paymentId = $"PAY-{Guid.NewGuid():N}"[..20], amount = random.Next(1, 2000) + 0m,
                currency = invoice.Currency, date = today, invoiceId = invoice.InvoiceId,
            }).ToList();
            using var paid = await client.PostAsJsonAsync("api/v1/payments/batch", new { payments });
            Assert.True(paid.IsSuccessStatusCode);
        }

        var expected = await ExpectedAgingBySegmentAsync(accounts);
        using var reports = system.Reports();
        await Eventually(async () => Same(expected, await reports.GetFromJsonAsync<JsonElement>("api/v1/reports/aging?groupBy=segment")));
    }

    [Fact]
    public async Task The_overdue_report_pages_accounts_by_amount_and_the_notice_and_dso_reports_answer()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        // Days past due count in the account's own calendar (GatewaySystem's accounts live in Berlin): after 23:00 UTC
        // in winter its today is UTC's tomorrow.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        using var issued = await client.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", new { invoiceId = "OLD-1", amount = 999m, currency = "EUR", issueDate = today.AddDays(-90), dueDate = today.AddDays(-60) });
        Assert.True(issued.IsSuccessStatusCode);
        using var reports = system.Reports();

        await Eventually(async () =>
        {
            var page = await reports.GetFromJsonAsync<JsonElement>("api/v1/reports/overdue?sort=amount&currency=EUR&pageSize=500");
            return page.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("accountId").GetString() == accountId && item.GetProperty("maxDaysPastDue").GetInt32() == 60);
        });
        var dso = await reports.GetFromJsonAsync<JsonElement>("api/v1/reports/dso?days=120");
        Assert.Contains(dso.EnumerateArray(), row => row.GetProperty("currency").GetString() == "EUR" && row.GetProperty("creditSales").GetDecimal() >= 999m);
        using var outcomes = await reports.GetAsync("api/v1/reports/notice-outcomes");
        Assert.True(outcomes.IsSuccessStatusCode);
    }

    private async Task<Dictionary<(string Segment, string Currency), decimal[]>> ExpectedAgingBySegmentAsync(List<string> accounts)
    {
        var expected = new Dictionary<(string, string), decimal[]>();
        foreach (var accountId in accounts)
        {
            var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
            var segment = JsonNamingPolicy.KebabCaseLower.ConvertName(snapshot.Profile!.Segment.ToString());
            foreach (var aging in snapshot.Aging)
            {
                var sums = expected.TryGetValue((segment, aging.Currency), out var existing) ? existing : expected[(segment, aging.Currency)] = new decimal[5];
                sums[0] += aging.Current;
                sums[1] += aging.Days1To30;
                sums[2] += aging.Days31To60;
                sums[3] += aging.Days61To90;
                sums[4] += aging.Over90;
            }
        }

        return expected;
    }

    /// <summary>Equal bucket by bucket; a segment and currency with nothing owed may be absent on one side and zero on the other.</summary>
    private static bool Same(Dictionary<(string Segment, string Currency), decimal[]> expected, JsonElement report)
    {
        var actual = report.EnumerateArray().ToDictionary(
            row => (row.GetProperty("group").GetString()!, row.GetProperty("currency").GetString()!),
            row => new[] { "current", "days1To30", "days31To60", "days61To90", "over90" }.Select(name => row.GetProperty(name).GetDecimal()).ToArray());
        var keys = expected.Keys.Union(actual.Keys);
        return keys.All(key => (expected.GetValueOrDefault(key) ?? new decimal[5]).SequenceEqual(actual.GetValueOrDefault(key) ?? new decimal[5]));
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }
}
