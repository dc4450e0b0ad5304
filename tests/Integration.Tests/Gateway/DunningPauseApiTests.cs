using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArScale.Contracts.Accounts;

namespace ArScale.Integration.Tests.Gateway;

/// <summary><c>PUT /api/v1/accounts/{id}/dunning</c>: an operator pauses or resumes all dunning of an account.</summary>
public sealed class DunningPauseApiTests(ConsoleSystem system) : IClassFixture<ConsoleSystem>
{
    [Fact]
    public async Task A_pause_stops_dunning_records_who_and_why_and_reaches_the_account_summary()
    {
        var accountId = await system.CreateAccountAsync();
        await system.IssueInvoiceAsync(accountId, "INV-1", 120m, "EUR", daysPastDue: 20);
        using var collections = system.Client(ConsoleSystem.CollectionsKey);

        using var response = await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", new { requestId = "pause-1", paused = true, reason = "customer in hospital" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", await Answers.StatusOfAsync(response));
        var snapshot = await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
        Assert.Equal("customer in hospital", snapshot.Pause!.Reason);
        Assert.Equal("collections (API key consolecoll)", snapshot.Pause.By);
        Assert.All(snapshot.Invoices.SelectMany(invoice => invoice.Items), item => Assert.Equal("dunning paused", item.PausedBecause));
        await Eventually(async () => await system.ScalarAsync<bool>("SELECT dunning_paused FROM account_summary WHERE account_id = @id", ("id", accountId)));
    }

    [Fact]
    public async Task A_resume_lifts_the_pause_and_the_history_keeps_both()
    {
        var accountId = await system.CreateAccountAsync();
        using var collections = system.Client(ConsoleSystem.CollectionsKey);
        await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", new { requestId = "pause-1", paused = true, reason = "fraud check" });

        using var resumed = await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", new { requestId = "resume-1", paused = false, reason = "cleared" });

        Assert.Equal("accepted", await Answers.StatusOfAsync(resumed));
        using var reports = system.Client(ConsoleSystem.ReportsKey);
        var account = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts/{accountId}");
        var history = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts/{accountId}/history");
        Assert.Equal(JsonValueKind.Null, account.GetProperty("pause").ValueKind);
        Assert.Equal([true, false], history.GetProperty("pauses").EnumerateArray().Select(change => change.GetProperty("paused").GetBoolean()));
    }

    [Fact]
    public async Task The_same_request_id_twice_is_one_pause()
    {
        var accountId = await system.CreateAccountAsync();
        using var collections = system.Client(ConsoleSystem.CollectionsKey);
        var pause = new { requestId = "pause-twice", paused = true, reason = "fraud check" };

        using var first = await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", pause);
        using var second = await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", pause);
        using var conflicting = await collections.PutAsJsonAsync($"api/v1/accounts/{accountId}/dunning", pause with { reason = "something else" });

        Assert.Equal("accepted", await Answers.StatusOfAsync(first));
        Assert.Equal("duplicate", await Answers.StatusOfAsync(second));
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        Assert.Single((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).PauseHistory);
    }

    [Theory]
    [InlineData("""{ "requestId": "p-1", "paused": true }""", "reason")]
    [InlineData("""{ "requestId": "p-1", "paused": true, "reason": "  " }""", "reason")]
    [InlineData("""{ "requestId": "", "paused": true, "reason": "fraud" }""", "requestId")]
    [InlineData("""{ "requestId": "p-1", "reason": "fraud" }""", "paused")]
    [InlineData("""{ "requestId": "p-1", "paused": "yes", "reason": "fraud" }""", "paused")]
    public async Task Bad_input_is_400_naming_the_field(string body, string field)
    {
        var accountId = await system.CreateAccountAsync();
        using var collections = system.Client(ConsoleSystem.CollectionsKey);

        using var response = await collections.PutAsync($"api/v1/accounts/{accountId}/dunning", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, await Answers.ProblemFieldAsync(response));
    }

    [Fact]
    public async Task An_unknown_account_is_404_and_a_reporting_key_is_403()
    {
        using var collections = system.Client(ConsoleSystem.CollectionsKey);
        using var reports = system.Client(ConsoleSystem.ReportsKey);
        var pause = new { requestId = "p-1", paused = true, reason = "fraud check" };

        using var unknown = await collections.PutAsJsonAsync("api/v1/accounts/NO-SUCH-ACCOUNT/dunning", pause);
        using var forbidden = await reports.PutAsJsonAsync("api/v1/accounts/NO-SUCH-ACCOUNT/dunning", pause);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not hold within 10 s.");
    }
}
