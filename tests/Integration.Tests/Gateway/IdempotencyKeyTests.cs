using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArScale.Contracts.Accounts;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Idempotency;
using ArScale.Gateway.Billing.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>An <c>Idempotency-Key</c> is claimed before its batch executes: one execution per key, whatever arrives at once.</summary>
public sealed class IdempotencyKeyTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_and_one_body_execute_once_and_every_other_answer_is_the_stored_one_or_409()
    {
        var accountId = await system.CreateAccountAsync();
        var key = Guid.NewGuid().ToString();
        var batch = InvoiceBatch(accountId, "RACE");

        var answers = await SendAtOnceAsync(Enumerable.Repeat(batch, 50), key);

        var stored = answers.Where(answer => answer.Status == HttpStatusCode.OK).Select(answer => answer.Body).Distinct().ToList();
        var answer = Assert.Single(stored);
        // A second execution would have answered "duplicate" for every invoice the first one stored.
        Assert.Equal(20, System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("accepted").GetInt32());
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Conflict, IdempotentRequests.Header, "1"), (a.Status, a.Field, a.RetryAfter)));
        Assert.Equal(answer, (await SendAtOnceAsync([batch], key)).Single().Body);
        Assert.Equal(20, (await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices.Count);
    }

    [Fact]
    public async Task Two_bodies_sent_at_once_with_one_key_apply_one_and_the_other_is_refused_with_422_or_409()
    {
        var accountId = await system.CreateAccountAsync();
        var key = Guid.NewGuid().ToString();
        var bodies = Enumerable.Range(0, 50).Select(i => InvoiceBatch(accountId, i % 2 == 0 ? "A" : "B"));

        var answers = await SendAtOnceAsync(bodies, key);

        var invoices = (await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices.Select(invoice => invoice.Id[..1]).Distinct();
        Assert.Single(invoices);
        Assert.Single(answers.Where(answer => answer.Status == HttpStatusCode.OK).Select(answer => answer.Body).Distinct());
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Contains(a.Status, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(IdempotentRequests.Header, a.Field));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(5000)]
    public async Task A_key_over_200_characters_is_a_400_naming_the_header(int length)
    {
        var answer = (await SendAtOnceAsync([InvoiceBatch(await system.CreateAccountAsync(), "LONG")], new string('k', length))).Single();

        Assert.Equal((HttpStatusCode.BadRequest, IdempotentRequests.Header), (answer.Status, answer.Field));
    }

    [Theory]
    [InlineData("key\twith-tab")]
    [InlineData("key\u007fdel")]
    public async Task A_key_with_a_non_printable_character_is_a_400_naming_the_header(string key)
    {
        var answer = (await SendAtOnceAsync([InvoiceBatch(await system.CreateAccountAsync(), "CTRL")], key)).Single();

        Assert.Equal((HttpStatusCode.BadRequest, IdempotentRequests.Header), (answer.Status, answer.Field));
    }

    [Fact]
    public async Task A_batch_that_fails_gives_its_key_back_so_the_clients_retry_executes()
    {
        var endpoint = new BatchEndpoint(Requests());
        var key = Guid.NewGuid().ToString();
        var executions = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => endpoint.HandleAsync<InvoiceBatchRequest>(Context(key), (_, _) => throw new TimeoutException("the silos did not answer")));
        await endpoint.HandleAsync<InvoiceBatchRequest>(Context(key), (_, _) =>
        {
            executions++;
            return Task.FromResult(new BatchAnswer(1, 0, 0, []));
        });

        Assert.Equal(1, executions);
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_gateway_is_taken_over_after_the_lease_but_not_before()
    {
        var requests = Requests();
        var key = Guid.NewGuid().ToString();
        var hash = IdempotentRequests.Hash("{}"u8);
        Assert.IsType<KeyClaim.Ours>(await requests.ClaimAsync("client", key, hash, default));

        var whileLeased = await requests.ClaimAsync("client", key, hash, default);
        await system.ExecuteAsync("UPDATE idempotent_request SET claimed_at = now() - interval '6 minutes' WHERE idempotency_key = @key", ("key", key));
        var afterLease = await requests.ClaimAsync("client", key, hash, default);

        Assert.IsType<KeyClaim.InFlight>(whileLeased);
        Assert.IsType<KeyClaim.Ours>(afterLease);
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_pruned_and_younger_ones_kept()
    {
        var requests = Requests();
        var (old, young) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        foreach (var key in new[] { old, young })
        {
            await requests.ClaimAsync("client", key, IdempotentRequests.Hash("{}"u8), default);
            await requests.CompleteAsync("client", key, 200, "{}", default);
        }

        await system.ExecuteAsync("UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE idempotency_key = @key", ("key", old));
        await requests.PruneAsync(default);

        Assert.Equal(0, await system.ScalarAsync("SELECT count(*) FROM idempotent_request WHERE idempotency_key = @key", ("key", old)));
        Assert.Equal(1, await system.ScalarAsync("SELECT count(*) FROM idempotent_request WHERE idempotency_key = @key", ("key", young)));
    }

    private static object InvoiceBatch(string accountId, string prefix) => new
    {
        invoices = Enumerable.Range(1, 20).Select(i => new { accountId, invoiceId = $"{prefix}-{i}", amount = 10m + i, currency = "EUR", issueDate = "2026-11-01" }),
    };

    /// <summary>Sends every body with the key, released together, and reads each answer's status, body, the field a problem names and Retry-After.</summary>
    private async Task<IReadOnlyList<(HttpStatusCode Status, string Body, string? Field, string? RetryAfter)>> SendAtOnceAsync(IEnumerable<object> bodies, string key)
    {
        using var client = system.Billing();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = bodies.Select(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/invoices/batch") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
            await start.Task;
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var field = response.IsSuccessStatusCode ? null : await Answers.ProblemFieldAsync(response);
            return (response.StatusCode, text, field, response.Headers.RetryAfter?.ToString());
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(sends);
    }

    private IdempotentRequests Requests() => new(NpgsqlDataSource.Create(system.Postgres), Options.Create(new IdempotencyOptions()));

    private static DefaultHttpContext Context(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Headers[IdempotentRequests.Header] = key;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{ "invoices": [] }"""));
        return context;
    }
}
