using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ArScale.Load.Scenarios.Ingest;

/// <summary>The Gateway's batch endpoints as a billing system calls them: one HTTP/1.1 connection per client, an API key, an Idempotency-Key per batch.</summary>
public sealed class BillingApiClient(Uri gateway, string apiKey, int connections) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { { "X-Api-Key", apiKey } },
    };

    public Task<BatchResult> UpsertAccountsAsync(IReadOnlyList<object> accounts, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("api/v1/accounts/batch", new { accounts }, idempotencyKey, cancellationToken);

    public Task<BatchResult> IssueInvoicesAsync(IReadOnlyList<object> invoices, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("api/v1/invoices/batch", new { invoices }, idempotencyKey, cancellationToken);

    private async Task<BatchResult> PostAsync(string path, object body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return BatchResult.Failed((int)response.StatusCode, $"{(int)response.StatusCode} {Shorten(text)}");
        }

        using var answer = JsonDocument.Parse(text);
        var root = answer.RootElement;
        var firstProblem = root.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("status").GetString() is not ("accepted" or "duplicate"))
            .Select(item => $"{item.GetProperty("id").GetString()}: {item.GetProperty("status").GetString()} {(item.TryGetProperty("message", out var message) ? message.GetString() : "")}")
            .FirstOrDefault();
        return new BatchResult(root.GetProperty("accepted").GetInt32(), root.GetProperty("duplicate").GetInt32(), root.GetProperty("rejected").GetInt32(), firstProblem);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => http.Dispose();
}

/// <summary>One batch's answer: items accepted, recognised as duplicates, rejected; or the whole request failed with <see cref="StatusCode"/>.</summary>
public sealed record BatchResult(int Accepted, int Duplicate, int Rejected, string? Problem)
{
    public bool RequestFailed { get; private init; }

    public int StatusCode { get; private init; } = 200;

    public static BatchResult Failed(int statusCode, string problem) => new(0, 0, 0, problem) { RequestFailed = true, StatusCode = statusCode };
}
