using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// Malformed requests (<see cref="BadInputCases"/>) at a bounded rate, round after round, against an account the run
/// created: not one 5xx; the account's stored state byte for byte as before; the account still answers and takes a
/// valid invoice afterwards; no process died.
/// </summary>
public sealed class BadInput : GatewayFault
{
    private const int Concurrency = 8;
    private const int RequestsPerSecond = 400;

    /// <summary>Bodies this large are sent in the first rounds only: a few prove the limit, thousands would only load the machine.</summary>
    private const int HeavyBody = 1024 * 1024;
    private const int HeavyRounds = 3;

    public override string Name => "bad-input";

    public override string How(FaultSettings settings) =>
        Invariant($"{settings.Requests:N0} malformed requests over {CaseCount} cases at ≤ {RequestsPerSecond}/s ({Concurrency} connections)");

    private static int CaseCount => BadInputCases.For("a", "b", "c", new DateOnly(2026, 1, 1)).Count;

    public override async Task<FaultRow> RunAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = target.Gateway, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Add("X-Api-Key", target.ApiKey);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var accountId = $"BAD-{target.RunId}";
        var throwaway = $"BAD-{target.RunId}-names";
        var failures = new List<string>();
        foreach (var id in new[] { accountId, throwaway })
        {
            using var created = await http.PutAsJsonAsync($"api/v1/accounts/{id}", StoredAccount.Profile(id, "Bad Input Customer"), cancellationToken);
            using var invoice = await http.PostAsJsonAsync($"api/v1/accounts/{id}/invoices", Invoice("INV-1", today), cancellationToken);
            if (!created.IsSuccessStatusCode || !invoice.IsSuccessStatusCode)
            {
                failures.Add($"the account {id} could not be set up: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}, {(int)invoice.StatusCode}");
            }
        }

        var before = await StoredAccount.ChecksumAsync(target, accountId, cancellationToken);
        var cases = BadInputCases.For(accountId, throwaway, "INV-1", today);
        // Round after round until the count is reached; the heavy bodies (megabytes each) only in the first rounds.
        var work = new List<BadInputCase>();
        for (var round = 0; work.Count < target.Settings.Requests; round++)
        {
            work.AddRange(cases.Where(item => round < HeavyRounds || item.Body.Length < HeavyBody).Take(target.Settings.Requests - work.Count));
        }

        var statuses = new ConcurrentDictionary<(string Case, int Status), int>();
        var serverErrors = new ConcurrentQueue<string>();
        var next = -1;

        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) is var index && index < work.Count)
            {
                var item = work[index];
                int status;
                try
                {
                    using var request = Request(item);
                    using var response = await http.SendAsync(request, cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException exception)
                {
                    // The Gateway closing a connection on an oversized body is an answer, not a crash; anything else counts.
                    status = item.Body.Length >= HeavyBody ? 413 : 599;
                    if (status == 599)
                    {
                        serverErrors.Enqueue($"{item.Name}: {exception.Message}");
                    }
                }

                statuses.AddOrUpdate((item.Name, status), 1, (_, count) => count + 1);
                if (status >= 500)
                {
                    serverErrors.Enqueue(Invariant($"{item.Name}: {status}"));
                }

                await Task.Delay(TimeSpan.FromSeconds((double)Concurrency / RequestsPerSecond), cancellationToken);
            }
        }

        await AnsiConsole.Status().StartAsync(Invariant($"Sending {work.Count:N0} malformed requests ({cases.Count} cases)..."), _ =>
            Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkerAsync, cancellationToken))));

        var after = await StoredAccount.ChecksumAsync(target, accountId, cancellationToken);
        if (before != after)
        {
            failures.Add("the targeted account's stored state changed");
        }

        foreach (var (name, count) in serverErrors.GroupBy(error => error).Select(group => (group.Key, group.Count())).Take(10))
        {
            failures.Add(Invariant($"{name} ×{count}"));
        }

        using (var answers = await http.GetAsync($"api/v1/accounts/{accountId}", cancellationToken))
        using (var valid = await http.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", Invoice("INV-AFTER", today), cancellationToken))
        {
            if (!answers.IsSuccessStatusCode || !valid.IsSuccessStatusCode)
            {
                failures.Add($"afterwards the account answers {(int)answers.StatusCode} and a valid invoice {(int)valid.StatusCode}");
            }
        }

        var accepted = statuses.Where(entry => entry.Key.Status is >= 200 and < 300 && !cases.First(item => item.Name == entry.Key.Case).Harmless)
            .Select(entry => entry.Key.Case).Distinct(StringComparer.Ordinal).ToList();
        var summary = string.Join(", ", statuses.GroupBy(entry => entry.Key.Status).OrderBy(group => group.Key).Select(group => Invariant($"{group.Key} ×{group.Sum(entry => entry.Value):N0}")));
        return new FaultRow(
            Name, How(target.Settings), 2, 0, work.Count, RecoverySeconds: null, Lost: 0, Duplicated: 0, AllowedDuplicates: 0, Failed: 0,
            ServerErrors: serverErrors.Count, failures,
            $"{work.Count:N0} requests, answers {summary}" + (accepted.Count > 0 ? $"; accepted without changing the account: {string.Join(", ", accepted)}" : ""),
            [], DateTimeOffset.UtcNow);
    }

    private static HttpRequestMessage Request(BadInputCase item)
    {
        var request = new HttpRequestMessage(item.Method, item.Path);
        if (item.Method != HttpMethod.Get)
        {
            HttpContent content = item.OmitLength ? new StreamContent(new ChunkedStream(item.Body)) : new ByteArrayContent(item.Body);
            if (item.ContentType is { } type)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }

            request.Content = content;
        }

        foreach (var (name, value) in item.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A stream whose length is unknown, so the body goes chunked, without a Content-Length.</summary>
    private sealed class ChunkedStream(byte[] body) : MemoryStream(body, writable: false)
    {
        public override bool CanSeek => false;
    }

    private static object Invoice(string invoiceId, DateOnly today) => new
    {
        invoiceId,
        amount = 120.50m,
        currency = "EUR",
        issueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        dueDate = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
