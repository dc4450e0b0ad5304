using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ArScale.AppHost.Demo;

/// <summary>
/// Sends a demo portfolio through the Gateway's public API, as a billing system and a collections team would:
/// accounts, their invoices and payments in batches (each with an Idempotency-Key, so a retried batch gets its first
/// answer back), then disputes and promises one by one. Counts what the API accepted and keeps the first refusals.
/// </summary>
public sealed class PortfolioSeeder(HttpClient gateway, Action<string> progress)
{
    public const int BatchSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SeedReport> SeedAsync(DemoPortfolio portfolio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var report = new SeedReport();
        var invoices = portfolio.Invoices.ToLookup(invoice => invoice.AccountId, StringComparer.Ordinal);
        var payments = portfolio.Payments.ToLookup(payment => payment.AccountId, StringComparer.Ordinal);

        // A chunk of customers, then their invoices and payments, then the next chunk: the first notices go out after
        // a few requests rather than after every account. Customers inside their send window come first.
        var chunks = portfolio.Accounts.OrderBy(account => account.WindowOpensAt > portfolio.GeneratedAt).Chunk(BatchSize).ToList();
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            var accounts = chunks[chunk];
            var key = $"demo-{portfolio.Tag}-{chunk.ToString(CultureInfo.InvariantCulture)}";
            await BatchesAsync("accounts", accounts, "api/v1/accounts/batch", batch => new
            {
                accounts = batch.Select(account => new { accountId = account.AccountId, account = AccountBody(account, portfolio.Tag) }),
            }, key, report, cancellationToken);
            await BatchesAsync("invoices", [.. accounts.SelectMany(account => invoices[account.AccountId])], "api/v1/invoices/batch", batch => new
            {
                invoices = batch.Select(invoice => new
                {
                    accountId = invoice.AccountId, invoiceId = invoice.InvoiceId, amount = invoice.Amount, currency = invoice.Currency,
                    issueDate = invoice.IssueDate, dueDate = invoice.DueDate,
                }),
            }, key, report, cancellationToken);
            await BatchesAsync("payments", [.. accounts.SelectMany(account => payments[account.AccountId])], "api/v1/payments/batch", batch => new
            {
                payments = batch.Select(payment => new
                {
                    accountId = payment.AccountId, paymentId = payment.PaymentId, amount = payment.Amount, currency = payment.Currency,
                    date = payment.Date, invoiceId = payment.InvoiceId,
                }),
            }, key, report, cancellationToken);
            progress($"{Math.Min((chunk + 1) * BatchSize, portfolio.Accounts.Count):N0}/{portfolio.Accounts.Count:N0} accounts");
        }

        foreach (var dispute in portfolio.Disputes)
        {
            await SingleAsync("disputes", $"api/v1/accounts/{dispute.AccountId}/disputes",
                new { disputeId = dispute.DisputeId, invoiceId = dispute.InvoiceId, reason = dispute.Reason }, report, cancellationToken);
        }

        foreach (var promise in portfolio.Promises)
        {
            await SingleAsync("promises", $"api/v1/accounts/{promise.AccountId}/promises",
                new { promiseId = promise.PromiseId, date = promise.Date, amount = promise.Amount, currency = promise.Currency, invoiceIds = new[] { promise.InvoiceId } },
                report, cancellationToken);
        }

        return report;
    }

    private static object AccountBody(DemoAccount account, string tag) => new
    {
        requestId = $"demo-{tag}",
        name = account.Name,
        contacts = new[] { new { kind = "email", address = account.Email, name = account.Name } }
            .Concat(account.Phone is { } phone ? [new { kind = "phone", address = phone, name = account.Name }] : []),
        locale = account.Locale,
        timeZone = account.TimeZone,
        segment = account.Segment,
        paymentTerms = new { kind = "net", netDays = account.NetDays },
    };

    private async Task BatchesAsync<T>(
        string what, IReadOnlyList<T> items, string path, Func<IEnumerable<T>, object> body, string keyPrefix, SeedReport report, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < items.Count; offset += BatchSize)
        {
            var key = $"{keyPrefix}-{what}-{(offset / BatchSize).ToString(CultureInfo.InvariantCulture)}";
            var (status, answer) = await SendAsync(() => PostAsync(path, body(items.Skip(offset).Take(BatchSize)), key, cancellationToken), what, cancellationToken);
            using var document = answer;
            if (status != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"the Gateway refused a batch of {what} ({(int)status}): {answer.RootElement}", null, status);
            }

            var counts = answer.RootElement;
            report.Add(what, counts.GetProperty("accepted").GetInt32() + counts.GetProperty("duplicate").GetInt32(), counts.GetProperty("rejected").GetInt32());
            foreach (var item in counts.GetProperty("items").EnumerateArray().Where(item => item.GetProperty("status").GetString() is not ("accepted" or "duplicate")).Take(3))
            {
                report.Refused(what, $"{item.GetProperty("id").GetString()}: {item.GetProperty("status").GetString()} {Text(item, "field")} {Text(item, "message")}".TrimEnd());
            }

        }
    }

    private async Task SingleAsync(string what, string path, object body, SeedReport report, CancellationToken cancellationToken)
    {
        var (status, answer) = await SendAsync(() => PostAsync(path, body, idempotencyKey: null, cancellationToken), what, cancellationToken);
        using var document = answer;
        if (status == HttpStatusCode.OK)
        {
            report.Add(what, 1, 0);
            return;
        }

        // A problem-details answer: the account refused this one (e.g. the invoice was paid meanwhile).
        report.Add(what, 0, 1);
        report.Refused(what, $"{path}: {(int)status} {answer.RootElement}");
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return gateway.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The answer and its JSON body. What the Gateway answers with 429 or 5xx (a silo busy with the first notices)
    /// is retried a few times; other answers are the API's word on the write.
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonDocument Body)> SendAsync(Func<Task<HttpResponseMessage>> send, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await send();
            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (!retryable)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return (response.StatusCode, JsonDocument.Parse(text.Length > 0 ? text : "{}"));
            }

            if (attempt == 4)
            {
                throw new HttpRequestException(
                    $"the Gateway answered {(int)response.StatusCode} to the {what}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    private static string Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

/// <summary>What the API accepted, by kind of write, and the first refusals (a demo that seeds half is worth saying so).</summary>
public sealed class SeedReport
{
    private readonly Dictionary<string, (int Accepted, int Refused)> counts = new(StringComparer.Ordinal);
    private readonly List<string> refusals = [];

    public IReadOnlyDictionary<string, (int Accepted, int Refused)> Counts => counts;

    public IReadOnlyList<string> Refusals => refusals;

    public int Accepted(string what) => counts.GetValueOrDefault(what).Accepted;

    public int TotalRefused => counts.Values.Sum(count => count.Refused);

    public void Add(string what, int accepted, int refused)
    {
        var (a, r) = counts.GetValueOrDefault(what);
        counts[what] = (a + accepted, r + refused);
    }

    public void Refused(string what, string description)
    {
        if (refusals.Count < 10)
        {
            refusals.Add($"{what} {description}");
        }
    }
}
