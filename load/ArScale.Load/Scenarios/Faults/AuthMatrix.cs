using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArScale.Load.Infrastructure;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// Every endpoint of <c>/openapi/v1.json</c>, plus health, metrics and the console's sign-in page, called with every
/// kind of credential: no key, malformed, unknown, a known id with the wrong secret, revoked, one key per scope, admin,
/// and a viewer, collector and admin console session each with and without its antiforgery token. Each answer is held
/// against the documented table (<c>docs/gateway-security.md</c>, "Every endpoint and its scope"): 401 without a valid
/// credential, 403 without the scope (or, for a session's write, without its token), neither with it. A refused write must change nothing (the target
/// account's stored state), and a revoked key must be refused within the key cache time.
/// </summary>
public sealed partial class AuthMatrix : GatewayFault
{
    /// <summary><c>GatewaySecurityOptions.KeyCacheDuration</c>: a revoked key may still pass this long, no longer.</summary>
    private static readonly TimeSpan KeyCacheDuration = TimeSpan.FromSeconds(30);

    private static readonly string[] ScopeKeys = ["billing:write", "collections:write", "collections:write-off", "reports:read"];

    /// <summary>The console roles and the scopes they hold (docs/console.md).</summary>
    private static readonly Dictionary<string, string[]> Roles = new(StringComparer.Ordinal)
    {
        ["viewer"] = ["reports:read"],
        ["collector"] = ["reports:read", "collections:write"],
        ["admin"] = ["admin"],
    };

    /// <summary>One password for the run's console users: generated, never written anywhere but the Gateway's environment.</summary>
    private readonly string password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    // Underscores, not hyphens: the service starts through /bin/sh, which drops environment names that are not identifiers.
    public override IReadOnlyDictionary<string, string> GatewaySettings => Roles.Keys.SelectMany(role => new[]
    {
        KeyValuePair.Create($"ArScale__Console__BootstrapUsers__auth_{role}__Password", password),
        KeyValuePair.Create($"ArScale__Console__BootstrapUsers__auth_{role}__Role", role),
    }).ToDictionary(StringComparer.Ordinal);

    public override string Name => "auth-matrix";

    public override string How(FaultSettings settings) =>
        "every OpenAPI endpoint, health, metrics and the console sign-in × no key, malformed, unknown, wrong secret, revoked, one key per scope, admin, and viewer/collector/admin sessions with and without their antiforgery token";

    public override async Task<FaultRow> RunAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = target.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var failures = new List<string>();
        var documented = DocumentedScopes(target.Infra.Layout.Root);
        var accountId = $"AUTH-{target.RunId}";
        await SendAsync(http, HttpMethod.Put, $"api/v1/accounts/{accountId}", target.ApiKey, StoredAccount.Profile(accountId, "Auth Customer"), cancellationToken);

        // The keys: one per scope, and one to revoke.
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["none"] = null,
            ["malformed"] = "not-a-key",
            ["unknown"] = "ars_0123456789abcdef_" + new string('A', 43),
            ["wrong secret"] = string.Join('_', target.ApiKey.Split('_')[..2]) + "_" + new string('B', 43),
            ["admin"] = target.ApiKey,
        };
        foreach (var scope in ScopeKeys)
        {
            keys[scope] = await CreateKeyAsync(http, target.ApiKey, scope, cancellationToken);
        }

        var revoked = await CreateKeyAsync(http, target.ApiKey, "reports:read", cancellationToken);
        var revokedWithin = await RevokeAsync(http, target.ApiKey, revoked, cancellationToken);
        if (revokedWithin is null)
        {
            failures.Add(Invariant($"a revoked key still worked {KeyCacheDuration.TotalSeconds + 5:0} s after its revocation"));
        }

        keys["revoked"] = revoked;

        var operations = await OperationsAsync(http, target.ApiKey, cancellationToken);
        foreach (var missing in operations.Where(operation => !documented.ContainsKey(operation)))
        {
            failures.Add($"`{missing}` is served but not in the documented table");
        }

        foreach (var stale in documented.Keys.Where(entry => entry.Contains("/api/", StringComparison.Ordinal) && !operations.Contains(entry)))
        {
            failures.Add($"`{stale}` is documented but not served");
        }

        var before = await StoredAccount.ChecksumAsync(target, accountId, cancellationToken);
        var calls = 0;
        var mismatches = new List<string>();
        foreach (var (endpoint, scope) in documented)
        {
            var (method, path) = Split(endpoint, accountId);
            foreach (var (kind, key) in keys)
            {
                var status = await SendAsync(http, method, path, key, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { }, cancellationToken);
                calls++;
                var expected = Expected(scope, kind);
                if (!Matches(expected, status))
                {
                    mismatches.Add(Invariant($"{endpoint} with {kind}: {status}, expected {expected}"));
                }
            }
        }

        foreach (var role in Roles.Keys)
        {
            using var session = await SessionAsync(target.Gateway, $"auth_{role}", password, cancellationToken);
            foreach (var withToken in new[] { false, true })
            {
                foreach (var (endpoint, scope) in documented)
                {
                    var (method, path) = Split(endpoint, accountId);
                    var status = await session.SendAsync(method, path, withToken, cancellationToken);
                    calls++;
                    var expected = ExpectedForSession(scope, role, method, withToken);
                    if (!Matches(expected, status))
                    {
                        mismatches.Add(Invariant($"{endpoint} with a {role} session {(withToken ? "and" : "without")} its token: {status}, expected {expected}"));
                    }
                }
            }
        }

        failures.AddRange(mismatches.Take(20));
        if (mismatches.Count > 20)
        {
            failures.Add(Invariant($"… {mismatches.Count - 20} more mismatches"));
        }

        var after = await StoredAccount.ChecksumAsync(target, accountId, cancellationToken);
        if (before != after)
        {
            failures.Add("a refused write changed the target account");
        }

        return new FaultRow(
            Name, How(target.Settings), 1, 0, calls, RecoverySeconds: null, Lost: 0, Duplicated: 0, AllowedDuplicates: 0, Failed: 0,
            ServerErrors: null, failures,
            Invariant($"{documented.Count} endpoints × {keys.Count} keys and {Roles.Count * 2} sessions = {calls} calls, {mismatches.Count} mismatches; revoked key refused after {revokedWithin?.TotalSeconds:0.0} s (cache {KeyCacheDuration.TotalSeconds:0} s)"),
            [], DateTimeOffset.UtcNow);
    }

    private enum Answer
    {
        Unauthenticated,
        Forbidden,
        Allowed,
        Anything,
    }

    private static Answer Expected(string scope, string kind)
    {
        var valid = kind is "admin" || ScopeKeys.Contains(kind, StringComparer.Ordinal);
        return scope switch
        {
            "anonymous" => Answer.Anything,
            _ when !valid => Answer.Unauthenticated,
            "any key" => Answer.Allowed,
            _ when kind == "admin" || kind == scope => Answer.Allowed,
            _ => Answer.Forbidden,
        };
    }

    /// <summary>A session write without the antiforgery token is refused before its scope is looked at.</summary>
    private static Answer ExpectedForSession(string scope, string role, HttpMethod method, bool withToken)
    {
        var held = Roles[role];
        var write = method != HttpMethod.Get;
        return scope switch
        {
            "anonymous" or "any key" => Answer.Anything,
            _ when write && !withToken => Answer.Forbidden,
            _ when held.Contains("admin", StringComparer.Ordinal) || held.Contains(scope, StringComparer.Ordinal) => Answer.Allowed,
            _ => Answer.Forbidden,
        };
    }

    private static async Task<ConsoleSession> SessionAsync(Uri gateway, string name, string password, CancellationToken cancellationToken)
    {
        var session = new ConsoleSession(gateway);
        using (var signIn = await session.Http.PostAsJsonAsync("console/session", new { name, password }, cancellationToken))
        {
            if (!signIn.IsSuccessStatusCode)
            {
                throw new LoadFailedException($"auth-matrix: {name} could not sign in: {(int)signIn.StatusCode}");
            }
        }

        using var current = await session.Http.GetAsync("console/session", cancellationToken);
        using var document = JsonDocument.Parse(await current.Content.ReadAsStringAsync(cancellationToken));
        session.Token = document.RootElement.GetProperty("csrfToken").GetString();
        session.TokenHeader = document.RootElement.GetProperty("csrfHeader").GetString() ?? "X-CSRF-Token";
        return session;
    }

    /// <summary>A signed-in console user: the session and antiforgery cookies, and the token the page would send.</summary>
    private sealed class ConsoleSession(Uri gateway) : IDisposable
    {
        public HttpClient Http { get; } = new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

        public string? Token { get; set; }

        public string TokenHeader { get; set; } = "X-CSRF-Token";

        public async Task<int> SendAsync(HttpMethod method, string path, bool withToken, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, path);
            if (withToken && Token is not null)
            {
                request.Headers.TryAddWithoutValidation(TokenHeader, Token);
            }

            if (method != HttpMethod.Get && method != HttpMethod.Delete)
            {
                request.Content = JsonContent.Create(new { });
            }

            using var response = await Http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }

        public void Dispose() => Http.Dispose();
    }

    private static bool Matches(Answer expected, int status) => expected switch
    {
        Answer.Unauthenticated => status == 401,
        Answer.Forbidden => status == 403,
        Answer.Allowed => status is not (401 or 403) and < 500,
        _ => status is not (401 or 403) and < 500,
    };

    /// <summary>The documented table: <c>| `METHOD /path` | `scope` |</c> rows under "Every endpoint and its scope".</summary>
    private static IReadOnlyDictionary<string, string> DocumentedScopes(string repositoryRoot)
    {
        var text = File.ReadAllText(Path.Combine(repositoryRoot, "docs", "gateway-security.md"));
        var section = text[text.IndexOf("### Every endpoint and its scope", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        return TableRow().Matches(section).ToDictionary(match => match.Groups["endpoint"].Value, match => match.Groups["scope"].Value.Trim('`'), StringComparer.Ordinal);
    }

    private static async Task<IReadOnlySet<string>> OperationsAsync(HttpClient http, string adminKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json");
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(entry => entry.Name is "get" or "put" or "post" or "delete" or "patch"))
            {
                operations.Add($"{method.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return operations;
    }

    private static (HttpMethod Method, string Path) Split(string endpoint, string accountId)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var path = PathParameter().Replace(endpoint[(space + 1)..], match => match.Value == "{accountId}" ? accountId : "x-none");
        return (new HttpMethod(endpoint[..space]), path.TrimStart('/'));
    }

    private static async Task<int> SendAsync(HttpClient http, HttpMethod method, string path, string? key, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    private static async Task<string> CreateKeyAsync(HttpClient http, string adminKey, string scope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/api-keys")
        {
            Content = JsonContent.Create(new { name = $"auth-matrix {scope}", scopes = new[] { scope }, requestsPerSecond = 10_000 }),
        };
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadFailedException($"auth-matrix: creating a {scope} key answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Uses the key (so it is cached), revokes it, and returns how long until it is refused; null if it never is.</summary>
    private static async Task<TimeSpan?> RevokeAsync(HttpClient http, string adminKey, string key, CancellationToken cancellationToken)
    {
        await SendAsync(http, HttpMethod.Get, "api/v1/accounts", key, null, cancellationToken);
        var id = key.Split('_')[1];
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, $"api/v1/admin/api-keys/{id}"))
        {
            revoke.Headers.Add("X-Api-Key", adminKey);
            using var response = await http.SendAsync(revoke, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new LoadFailedException($"auth-matrix: revoking a key answered {(int)response.StatusCode}");
            }
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < KeyCacheDuration + TimeSpan.FromSeconds(5))
        {
            if (await SendAsync(http, HttpMethod.Get, "api/v1/accounts", key, null, cancellationToken) == (int)HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return null;
    }

    [GeneratedRegex(@"^\| `(?<endpoint>(GET|PUT|POST|DELETE|PATCH) [^`]+)` \| (?<scope>[^|]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex PathParameter();
}
