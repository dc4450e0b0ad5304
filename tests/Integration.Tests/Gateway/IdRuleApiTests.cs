using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArScale.Contracts.Accounts;
using ArScale.Contracts.Billing;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>One id rule at every door: single writes, batches and the bus refuse the same ids, before anything is written.</summary>
public sealed class IdRuleApiTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    public static TheoryData<string> BadIds => new()
    {
        "",
        new string('x', 5000),
        "INV\u00001",
        "INV\u001b[2J",
        "INV-\u202eFDP",
        "INV 1",
        "INV:1",
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task A_single_invoice_with_a_bad_id_is_a_400_naming_invoiceId_and_stores_nothing(string invoiceId)
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();

        using var response = await client.PostAsJsonAsync(
            $"api/v1/accounts/{accountId}/invoices", new { invoiceId, amount = 10m, currency = "EUR", issueDate = "2026-11-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invoiceId", await Answers.ProblemFieldAsync(response));
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices);
    }

    [Fact]
    public async Task An_account_id_with_a_control_character_in_the_path_is_a_400_naming_accountId()
    {
        using var client = system.Billing();

        using var response = await client.PostAsJsonAsync(
            "api/v1/accounts/ACC%1B1/invoices", new { invoiceId = "INV-1", amount = 10m, currency = "EUR", issueDate = "2026-11-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("accountId", await Answers.ProblemFieldAsync(response));
    }

    [Theory]
    [InlineData("api/v1/accounts/ACC%071")]
    [InlineData("api/v1/accounts/ACC%1B1/history")]
    public async Task Reading_an_account_by_an_id_no_account_can_have_is_a_400_naming_accountId(string path)
    {
        using var client = system.Reports();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("accountId", await Answers.ProblemFieldAsync(response));
    }

    [Fact]
    public async Task Reading_an_account_by_an_id_of_5000_characters_is_a_400_naming_accountId()
    {
        using var client = system.Reports();

        using var response = await client.GetAsync("api/v1/accounts/" + new string('a', 5000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("accountId", await Answers.ProblemFieldAsync(response));
    }

    [Fact]
    public async Task An_invoice_batch_with_one_bad_account_id_is_refused_whole_naming_the_item_and_writes_nothing()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        var batch = new
        {
            invoices = new[]
            {
                new { accountId, invoiceId = "W-1", amount = 10m, currency = "EUR", issueDate = "2026-11-01" },
                new { accountId, invoiceId = "W-2", amount = 10m, currency = "EUR", issueDate = "2026-11-01" },
                new { accountId = "ACC\u00002", invoiceId = "W-3", amount = 10m, currency = "EUR", issueDate = "2026-11-01" },
            },
        };

        using var response = await client.PostAsJsonAsync("api/v1/invoices/batch", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invoices[2].accountId", await Answers.ProblemFieldAsync(response));
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices);
        Assert.Equal(0, await system.ScalarAsync("SELECT count(*) FROM invoice_sale WHERE account_id = @account", ("account", accountId)));
    }

    [Fact]
    public async Task An_account_batch_with_one_bad_account_id_is_refused_whole_and_creates_no_account()
    {
        var good = $"ACC-{Guid.NewGuid():N}"[..20];
        using var client = system.Billing();
        object Account(string accountId) => new
        {
            accountId,
            account = new
            {
                requestId = $"create-{Guid.NewGuid():N}", name = "Customer", locale = "en", timeZone = "Europe/Berlin", segment = "standard",
                contacts = new[] { new { kind = "email", address = "c@example.test" } }, paymentTerms = new { kind = "net", netDays = 30 },
            },
        };

        using var response = await client.PostAsJsonAsync("api/v1/accounts/batch", new { accounts = new[] { Account(good), Account("ACC-\u202e1"), Account("ACC 3") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("accounts[1].accountId", await Answers.ProblemFieldAsync(response));
        Assert.Null((await system.Grains.GetGrain<IAccountGrain>(good).GetSnapshot()).Profile);
    }

    [Fact]
    public async Task A_payment_batch_naming_a_bad_invoice_id_is_refused_whole_naming_the_item()
    {
        var accountId = await system.CreateAccountAsync();
        using var client = system.Billing();
        var batch = new
        {
            payments = new object[]
            {
                new { accountId, paymentId = "P-1", amount = 10m, currency = "EUR", date = "2026-11-20" },
                new { accountId, paymentId = "P-2", amount = 10m, currency = "EUR", date = "2026-11-20", invoiceId = "INV\u00851" },
            },
        };

        using var response = await client.PostAsJsonAsync("api/v1/payments/batch", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("payments[1].invoiceId", await Answers.ProblemFieldAsync(response));
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Credit);
    }

    [Fact]
    public async Task An_invoice_on_the_bus_with_a_nul_in_its_id_goes_to_the_error_queue_naming_invoiceId_and_stores_nothing()
    {
        var accountId = await system.CreateAccountAsync();

        await system.PublishAsync(new InvoiceIssued(accountId, "AMQP\u00001", 10m, "EUR", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));

        var reason = await ErrorQueue.FirstMessageAsync(system, "invoice-issued_error");
        Assert.Contains("invoiceId", reason, StringComparison.Ordinal);
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices);
    }
}
