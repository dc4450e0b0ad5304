using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArScale.Contracts.Accounts;

namespace ArScale.Integration.Tests.Gateway;

public sealed class BillingApiTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task An_invoice_is_stored_once_however_often_it_is_sent_and_its_id_cannot_be_reused_for_other_content()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        var invoice = new { invoiceId = "INV-1", amount = 120.50m, currency = "EUR", issueDate = "2026-11-01", dueDate = "2026-12-01" };

        using var first = await client.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", invoice);
        using var replay = await client.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", invoice);
        using var reused = await client.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", invoice with { amount = 99m });

        Assert.Equal("accepted", await Answers.StatusOfAsync(first));
        Assert.Equal("duplicate", await Answers.StatusOfAsync(replay));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
        Assert.Equal(120.50m, Assert.Single(snapshot.Invoices).Amount.Amount);
    }

    [Fact]
    public async Task A_batch_answers_per_invoice_so_one_bad_invoice_never_rejects_the_good_ones()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        var batch = new
        {
            invoices = new object[]
            {
                new { accountId, invoiceId = "B-1", amount = 10m, currency = "EUR", issueDate = "2026-11-01" },
                new { accountId, invoiceId = "B-2", amount = -5m, currency = "EUR", issueDate = "2026-11-01" },
                new { accountId, invoiceId = "B-3", amount = 10m, currency = "EUD", issueDate = "2026-11-01" },
                new { accountId = "ACC-nobody", invoiceId = "B-4", amount = 10m, currency = "EUR", issueDate = "2026-11-01" },
                new { accountId, invoiceId = "B-5", amount = 30m, currency = "USD", issueDate = "2026-11-01" },
            },
        };

        using var response = await client.PostAsJsonAsync("api/v1/invoices/batch", batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Answers.JsonAsync(response);
        var statuses = answer.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("status").GetString()).ToList();
        Assert.Equal(["accepted", "rejected", "rejected", "unknown-account", "accepted"], statuses);
        Assert.Equal("amount", answer.GetProperty("items")[1].GetProperty("field").GetString());
        Assert.Equal("amount.currency", answer.GetProperty("items")[2].GetProperty("field").GetString());
        var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
        Assert.Equal(["B-1", "B-5"], snapshot.Invoices.Select(invoice => invoice.Id).Order());
    }

    [Fact]
    public async Task A_replayed_idempotency_key_gets_the_first_answer_and_a_reused_key_with_another_body_is_refused()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        var key = Guid.NewGuid().ToString();
        var batch = new { invoices = new[] { new { accountId, invoiceId = "K-1", amount = 10m, currency = "EUR", issueDate = "2026-11-01" } } };

        var first = await SendAsync(client, key, batch);
        var replay = await SendAsync(client, key, batch);
        using var different = await PostWithKeyAsync(client, key, new { invoices = new[] { new { accountId, invoiceId = "K-2", amount = 10m, currency = "EUR", issueDate = "2026-11-01" } } });

        Assert.Equal(first, replay);
        Assert.Contains("\"accepted\"", replay, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("Idempotency-Key", await Answers.ProblemFieldAsync(different));
    }

    [Fact]
    public async Task A_batch_over_a_thousand_items_is_refused_whole_with_413()
    {
        using var client = system.Billing();
        var batch = new { invoices = Enumerable.Range(0, 1001).Select(i => new { accountId = "ACC-x", invoiceId = $"X-{i}", amount = 1m, currency = "EUR", issueDate = "2026-11-01" }) };

        using var response = await client.PostAsJsonAsync("api/v1/invoices/batch", batch);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("items", await Answers.ProblemFieldAsync(response));
    }

    [Theory]
    [InlineData("{ not json", "body")]
    [InlineData("{ \"invoiceId\": \"M-1\", \"amount\": \"lots\", \"currency\": \"EUR\", \"issueDate\": \"2026-11-01\" }", "amount")]
    [InlineData("{ \"invoiceId\": \"M-1\", \"currency\": \"EUR\", \"issueDate\": \"2026-11-01\" }", "amount")]
    [InlineData("{ \"invoiceId\": \"M-1\", \"amount\": 5, \"currency\": \"EUR\", \"issueDate\": \"2026-13-45\" }", "issueDate")]
    [InlineData("{ \"invoiceId\": \"M 1\", \"amount\": 5, \"currency\": \"EUR\", \"issueDate\": \"2026-11-01\" }", "invoiceId")]
    [InlineData("{ \"invoiceId\": \"M-1\", \"amount\": 5.001, \"currency\": \"EUR\", \"issueDate\": \"2026-11-01\" }", "amount")]
    public async Task Malformed_or_invalid_input_is_a_400_problem_naming_the_field_and_changes_nothing(string body, string field)
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();

        using var response = await client.PostAsync($"api/v1/accounts/{accountId}/invoices", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, await Answers.ProblemFieldAsync(response));
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices);
    }

    [Fact]
    public async Task A_payment_for_an_unknown_account_is_answered_for_that_item_and_stores_nothing()
    {
        using var client = system.Billing();
        var batch = new { payments = new[] { new { accountId = "ACC-unknown-1", paymentId = "P-1", amount = 10m, currency = "EUR", date = "2026-11-20" } } };

        using var response = await client.PostAsJsonAsync("api/v1/payments/batch", batch);

        var item = (await Answers.JsonAsync(response)).GetProperty("items")[0];
        Assert.Equal("unknown-account", item.GetProperty("status").GetString());
        Assert.Null((await system.Grains.GetGrain<IAccountGrain>("ACC-unknown-1").GetSnapshot()).Profile);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_write_with_an_example()
    {
        using var client = system.Reports();

        var document = await client.GetStringAsync("openapi/v1.json");

        Assert.Contains("/api/v1/invoices/batch", document, StringComparison.Ordinal);
        Assert.Contains("INV-2026-000123", document, StringComparison.Ordinal);
        Assert.Contains("customer-favour", document, StringComparison.Ordinal);
    }

    private static async Task<string> SendAsync(HttpClient client, string key, object batch)
    {
        using var response = await PostWithKeyAsync(client, key, batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, object batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/invoices/batch") { Content = JsonContent.Create(batch) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
