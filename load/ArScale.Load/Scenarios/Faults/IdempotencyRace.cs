using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One Idempotency-Key sent 50 times at once: with one body, it executes once and every answer is that execution's,
/// byte for byte, or 409 while it is in flight; with two different bodies, one is applied and the other refused
/// (409 or 422), its invoices nowhere. A 5xx is a failure.
/// </summary>
public sealed class IdempotencyRace : GatewayFault
{
    private const int Copies = 50;
    private const int InvoicesPerBatch = 20;

    public override string Name => "idempotency-race";

    public override string How(FaultSettings settings) =>
        Invariant($"one Idempotency-Key sent {Copies}× at once with one body, then {Copies}× split over two bodies, to `POST /api/v1/invoices/batch`");

    public override async Task<FaultRow> RunAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Copies }) { BaseAddress = target.Gateway, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Add("X-Api-Key", target.ApiKey);
        var accountId = $"IDR-{target.RunId}";
        var failures = new List<string>();
        var created = await http.PostAsJsonAsync("api/v1/accounts/batch", new { accounts = new[] { Account(accountId) } }, cancellationToken);
        if (!created.IsSuccessStatusCode)
        {
            failures.Add($"the account could not be created: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
        }

        // One body, fifty copies.
        var single = Body(accountId, "same");
        var answers = await SendAllAsync(http, "race-one", Enumerable.Repeat(single, Copies), cancellationToken);
        var replay = (await SendAllAsync(http, "race-one", [single], cancellationToken)).Single();
        failures.AddRange(Judge("one body", [.. answers, replay], executed: answers.Where(answer => answer.Status is >= 200 and < 300).ToList()));
        if (replay.Status is < 200 or >= 300)
        {
            failures.Add(Invariant($"one body: the replay after the race answered {replay.Status}"));
        }

        // Two bodies racing on one key: the one that wins is applied, the other must leave no trace.
        var first = Body(accountId, "first");
        var second = Body(accountId, "second");
        var mixed = await SendAllAsync(http, "race-two", Enumerable.Range(0, Copies).Select(index => index % 2 == 0 ? first : second), cancellationToken);
        var winners = mixed.Where(answer => answer.Status is >= 200 and < 300).ToList();
        failures.AddRange(Judge("two bodies", mixed, winners));
        var stored = await StoredInvoicesAsync(target, accountId, cancellationToken);
        var firstStored = stored.Count(id => id.Contains("-first-", StringComparison.Ordinal));
        var secondStored = stored.Count(id => id.Contains("-second-", StringComparison.Ordinal));
        if (firstStored > 0 && secondStored > 0)
        {
            failures.Add(Invariant($"two bodies: both were applied ({firstStored} and {secondStored} invoices stored)"));
        }

        if (stored.Count(id => id.Contains("-same-", StringComparison.Ordinal)) != InvoicesPerBatch)
        {
            failures.Add(Invariant($"one body: {stored.Count(id => id.Contains("-same-", StringComparison.Ordinal))} of {InvoicesPerBatch} invoices in the sales ledger"));
        }

        var serverErrors = answers.Concat(mixed).Append(replay).Count(answer => answer.Status >= 500);
        var statuses = string.Join(", ", answers.Concat(mixed).GroupBy(answer => answer.Status).OrderBy(group => group.Key).Select(group => Invariant($"{group.Key} ×{group.Count()}")));
        return new FaultRow(
            Name, How(target.Settings), 1, 0, Copies * 2, RecoverySeconds: null, Lost: 0,
            Duplicated: Math.Max(0, answers.Where(answer => answer.Status is >= 200 and < 300).Select(answer => answer.Body).Distinct(StringComparer.Ordinal).Count() - 1),
            AllowedDuplicates: 0, Failed: 0, ServerErrors: serverErrors, failures, $"answers: {statuses}", [], DateTimeOffset.UtcNow);
    }

    /// <summary>Every 2xx must be the one execution's answer, byte for byte; anything else must be 409 (in flight) or 422 (another body).</summary>
    private static IEnumerable<string> Judge(string what, IReadOnlyList<Answer> answers, IReadOnlyList<Answer> executed)
    {
        if (executed.Count == 0)
        {
            yield return $"{what}: no request was executed";
        }
        else if (executed.Select(answer => answer.Body).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            yield return Invariant($"{what}: the 2xx answers differ ({executed.Select(answer => answer.Body).Distinct(StringComparer.Ordinal).Count()} distinct bodies): the key was executed more than once");
        }

        foreach (var group in answers.Where(answer => answer.Status is not (>= 200 and < 300) and not 409 and not 422).GroupBy(answer => answer.Status))
        {
            yield return Invariant($"{what}: {group.Count()} answer(s) {group.Key}");
        }
    }

    private static async Task<IReadOnlyList<Answer>> SendAllAsync(HttpClient http, string key, IEnumerable<object> bodies, CancellationToken cancellationToken)
    {
        var requests = bodies.Select(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/invoices/batch") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request, cancellationToken);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }).ToList();
        return await Task.WhenAll(requests);
    }

    private static async Task<IReadOnlyList<string>> StoredInvoicesAsync(GatewayTarget target, string accountId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(target.System.Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT invoice_id FROM invoice_sale WHERE account_id = @account", connection);
        command.Parameters.AddWithValue("account", accountId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static object Body(string accountId, string tag)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new
        {
            invoices = Enumerable.Range(1, InvoicesPerBatch).Select(index => new
            {
                accountId,
                invoiceId = string.Create(CultureInfo.InvariantCulture, $"INV-{tag}-{index:D3}"),
                amount = 10m + index,
                currency = "EUR",
                issueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dueDate = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToArray(),
        };
    }

    private static object Account(string accountId) => new
    {
        accountId,
        account = new
        {
            requestId = $"{accountId}-created",
            name = "Race Customer",
            contacts = new[] { new { kind = "email", address = "race@load.example.test" } },
            locale = "en",
            timeZone = "Europe/Berlin",
            segment = "standard",
            paymentTerms = new { kind = "net", netDays = 30 },
        },
    };

    private sealed record Answer(int Status, string Body);
}
