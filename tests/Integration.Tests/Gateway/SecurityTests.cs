using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArScale.Gateway.Apis;
using ArScale.Gateway.Security;
using ArScale.Integration.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// The Gateway's front door on a real port and a real database: API keys and scopes, revocation, per-key rate
/// limits, the body size limit and the key administration (HTTP and command line). The key cache is off here
/// (<c>KeyCacheDuration</c> 0) so a revocation shows at once; <see cref="A_revocation_made_elsewhere_applies_once_the_cache_expires"/> covers the cache.
/// </summary>
public sealed class SecurityTests(SecuredGateway system) : IClassFixture<SecuredGateway>
{
    [Fact]
    public async Task Health_endpoints_answer_without_a_key()
    {
        using var client = system.Gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_key_is_401_problem_details()
    {
        using var client = system.Gateway.CreateClient();

        using var response = await client.GetAsync(ApiKeysApi.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var problem = await ProblemAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("An API key is required.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Nothing_but_health_is_anonymous_not_even_a_path_that_does_not_exist()
    {
        using var anonymous = system.Gateway.CreateClient();
        using var keyed = system.Gateway.CreateClient(system.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("no/such/path")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("test/any-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync("no/such/path")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("test/any-key")).StatusCode);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("unknown id")]
    [InlineData("not a key")]
    public async Task A_wrong_key_is_401_problem_details(string kind)
    {
        var key = kind switch
        {
            "wrong secret" => system.AdminKey[..^8] + "AAAAAAAA",
            "unknown id" => SecuredGateway.NewKey("nosuchkey"),
            _ => "Bearer-looking-garbage",
        };
        using var client = system.Gateway.CreateClient(key);

        using var response = await client.GetAsync(ApiKeysApi.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The API key is not accepted.", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_key_may_also_come_in_the_X_Api_Key_header()
    {
        using var client = system.Gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", system.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiKeysApi.Path)).StatusCode);
    }

    [Fact]
    public async Task A_missing_scope_is_403_problem_details_naming_the_scope()
    {
        using var billing = system.Gateway.CreateClient(system.BillingKey);

        using var admin = await billing.GetAsync(ApiKeysApi.Path);
        using var reports = await billing.GetAsync("test/reports");

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        var problem = await ProblemAsync(admin);
        Assert.Contains("'admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["admin"], problem.GetProperty("requiredScopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, reports.StatusCode);
        Assert.Contains("'reports:read'", (await ProblemAsync(reports)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_holds_every_scope()
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("test/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("test/billing", null)).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_and_works_with_its_scopes_only()
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);

        using var created = await admin.PostAsJsonAsync(ApiKeysApi.Path, new { name = "ERP reporting", scopes = new[] { "reports:read" }, requestsPerSecond = 100 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith($"ars_{id}_", key, StringComparison.Ordinal);
        Assert.Equal($"ars_{id}_", body.GetProperty("prefix").GetString());
        Assert.Equal(["reports:read"], body.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal($"/api/v1/admin/api-keys/{id}", created.Headers.Location?.OriginalString);

        var secret = key[$"ars_{id}_".Length..];
        var listed = await admin.GetStringAsync(ApiKeysApi.Path);
        var single = await admin.GetStringAsync($"{ApiKeysApi.Path}/{id}");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, single, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single(item => item.GetProperty("id").GetString() == id);
        Assert.Equal("ERP reporting", entry.GetProperty("name").GetString());
        Assert.False(entry.TryGetProperty("key", out _));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("revokedAt").ValueKind);

        using var client = system.Gateway.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("test/reports")).StatusCode);
        using var billing = await client.PostAsync("test/billing", null);
        Assert.Equal(HttpStatusCode.Forbidden, billing.StatusCode);
        Assert.Contains("'billing:write'", (await ProblemAsync(billing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_was_used_shows_when()
    {
        var (id, key) = await system.CreateKeyAsync("last-used", Scopes.ReportsRead);
        using var client = system.Gateway.CreateClient(key);
        using var admin = system.Gateway.CreateClient(system.AdminKey);

        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"{ApiKeysApi.Path}/{id}")).GetProperty("lastUsedAt").ValueKind);
        await client.GetAsync("test/reports");

        Assert.Equal(JsonValueKind.String, (await admin.GetFromJsonAsync<JsonElement>($"{ApiKeysApi.Path}/{id}")).GetProperty("lastUsedAt").ValueKind);
    }

    [Theory]
    [InlineData("""{ "name": "erp", "scopes": ["billing:read"] }""", "scopes")]
    [InlineData("""{ "name": "erp", "scopes": [] }""", "scopes")]
    [InlineData("""{ "name": " ", "scopes": ["reports:read"] }""", "name")]
    [InlineData("""{ "scopes": ["reports:read"] }""", "name")]
    [InlineData("""{ "name": "erp", "scopes": ["reports:read"], "requestsPerSecond": 0 }""", "requestsPerSecond")]
    public async Task An_invalid_new_key_is_400_problem_details_naming_the_field(string json, string field)
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);

        using var response = await admin.PostAsync(ApiKeysApi.Path, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(field, problem.GetProperty("errors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task A_revoked_key_is_401()
    {
        var (id, key) = await system.CreateKeyAsync("to-revoke", Scopes.ReportsRead);
        using var client = system.Gateway.CreateClient(key);
        using var admin = system.Gateway.CreateClient(system.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("test/reports")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ApiKeysApi.Path}/{id}")).StatusCode);

        using var refused = await client.GetAsync("test/reports");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The API key has been revoked.", (await ProblemAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.String, (await admin.GetFromJsonAsync<JsonElement>($"{ApiKeysApi.Path}/{id}")).GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ApiKeysApi.Path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404_problem_details()
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);

        using var response = await admin.DeleteAsync($"{ApiKeysApi.Path}/nosuchkey1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task A_key_over_its_rate_is_429_problem_details_with_retry_after()
    {
        using var client = system.Gateway.CreateClient(system.ThrottledKey);

        // One request per second, bursting to two: ten at once cannot all pass.
        var responses = new List<HttpResponseMessage>();
        for (var request = 0; request < 10; request++)
        {
            responses.Add(await client.GetAsync("test/reports"));
        }

        var refused = responses.FirstOrDefault(response => response.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("rate-limited", (await ProblemAsync(refused)).GetProperty("type").GetString(), StringComparison.Ordinal);
        responses.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task Other_keys_are_not_slowed_by_one_over_its_rate()
    {
        using var throttled = system.Gateway.CreateClient(system.ThrottledKey);
        using var billing = system.Gateway.CreateClient(system.BillingKey);
        for (var request = 0; request < 5; request++)
        {
            (await throttled.GetAsync("test/reports")).Dispose();
        }

        using var response = await billing.PostAsync("test/billing", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_10_MB_body_is_413_problem_details(bool declaresItsLength)
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);
        var json = Encoding.UTF8.GetBytes($$"""{ "name": "{{new string('x', 10 * 1024 * 1024)}}", "scopes": ["reports:read"] }""");
        using HttpContent content = declaresItsLength ? new ByteArrayContent(json) : new UnsizedContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await admin.PostAsync(ApiKeysApi.Path, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("request-too-large", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("4,194,304 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_within_the_limit_sent_without_a_length_is_read_as_usual()
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);
        using HttpContent content = new UnsizedContent(Encoding.UTF8.GetBytes("""{ "name": "chunked", "scopes": ["reports:read"] }"""));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await admin.PostAsync(ApiKeysApi.Path, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_command_line_creates_lists_and_revokes_keys_against_the_database()
    {
        await using var database = NpgsqlDataSource.Create(system.Postgres);
        var store = new ApiKeyStore(database);

        var (created, key, _) = await RunAsync(store, "api-keys", "create", "--name", "billing ERP", "--scopes", "billing:write,reports:read", "--requests-per-second", "200");
        Assert.Equal(0, created);
        Assert.True(ApiKeyToken.TryParse(key.Trim(), out var token), key);
        using var client = system.Gateway.CreateClient(key.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("test/reports")).StatusCode);

        var (listed, list, _) = await RunAsync(store, "api-keys", "list");
        Assert.Equal(0, listed);
        var line = Assert.Single(list.Split('\n'), row => row.StartsWith(token.Id, StringComparison.Ordinal));
        Assert.Contains("billing ERP", line, StringComparison.Ordinal);
        Assert.Contains("billing:write,reports:read", line, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Secret, list, StringComparison.Ordinal);

        var (revoked, _, said) = await RunAsync(store, "api-keys", "revoke", token.Id);
        Assert.Equal(0, revoked);
        Assert.Contains(token.Id, said, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("test/reports")).StatusCode);
    }

    [Theory]
    [InlineData(2, "--scopes", "api-keys", "create", "--name", "erp", "--scopes", "billing:read")]
    [InlineData(2, "--name", "api-keys", "create", "--scopes", "billing:write")]
    [InlineData(2, "usage", "api-keys", "rotate")]
    [InlineData(1, "no API key", "api-keys", "revoke", "nosuchkey1")]
    public async Task The_command_line_says_what_is_wrong(int exitCode, string message, params string[] args)
    {
        await using var database = NpgsqlDataSource.Create(system.Postgres);

        var (code, output, messages) = await RunAsync(new ApiKeyStore(database), args);

        Assert.Equal(exitCode, code);
        Assert.Empty(output);
        Assert.Contains(message, messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_api_keys_commands_stop_the_web_server_from_starting()
    {
        Assert.True(ApiKeyCommand.Handles(["api-keys", "list"]));
        Assert.False(ApiKeyCommand.Handles([]));
        Assert.False(ApiKeyCommand.Handles(["--urls", "http://localhost:5000"]));
    }

    [Fact]
    public async Task Starting_again_with_the_same_configured_keys_changes_nothing()
    {
        var before = await system.ScalarAsync<long>("SELECT count(*) FROM api_key WHERE source = 'configuration'");

        await system.Bootstrap.StartingAsync(CancellationToken.None);

        Assert.Equal(before, await system.ScalarAsync<long>("SELECT count(*) FROM api_key WHERE source = 'configuration'"));
        Assert.Equal(1, await system.ScalarAsync<long>("SELECT count(*) FROM api_key WHERE name = 'billing' AND scopes = '{billing:write}'"));
        using var billing = system.Gateway.CreateClient(system.BillingKey);
        Assert.Equal(HttpStatusCode.OK, (await billing.PostAsync("test/billing", null)).StatusCode);
    }

    [Fact]
    public async Task A_configured_key_an_admin_revoked_stays_revoked_when_the_gateway_starts_again()
    {
        using var admin = system.Gateway.CreateClient(system.AdminKey);
        using var retired = system.Gateway.CreateClient(system.RetiredKey);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ApiKeysApi.Path}/{SecuredGateway.RetiredKeyId}")).StatusCode);

        await system.Bootstrap.StartingAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await retired.GetAsync("test/reports")).StatusCode);
    }

    [Fact]
    public async Task A_revocation_made_elsewhere_applies_once_the_cache_expires()
    {
        await using var database = NpgsqlDataSource.Create(system.Postgres);
        var clock = new ManualClock();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new ApiKeyStore(database))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ApiKeyVerifier>()
            .Configure<GatewaySecurityOptions>(options => options.KeyCacheDuration = TimeSpan.FromSeconds(30));
        await using var provider = services.BuildServiceProvider();
        var verifier = provider.GetRequiredService<ApiKeyVerifier>();
        var store = provider.GetRequiredService<ApiKeyStore>();
        var (key, token) = await store.CreateAsync(new NewApiKey("cached", [Scopes.ReportsRead], null), CancellationToken.None);
        Assert.NotNull((await verifier.VerifyAsync(token.Reveal(), CancellationToken.None)).Key);

        await store.RevokeAsync(key.Id, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        var stillCached = await verifier.VerifyAsync(token.Reveal(), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var reread = await verifier.VerifyAsync(token.Reveal(), CancellationToken.None);

        Assert.NotNull(stillCached.Key);
        Assert.Equal(ApiKeyRejection.Revoked, reread.Rejection);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(int ExitCode, string Output, string Messages)> RunAsync(ApiKeyStore store, params string[] args)
    {
        using var output = new StringWriter();
        using var messages = new StringWriter();
        var exitCode = await new ApiKeyCommand(store, output, messages).RunAsync(args, CancellationToken.None);
        return (exitCode, output.ToString(), messages.ToString());
    }

    /// <summary>A body sent chunked, without a Content-Length, so only Kestrel's running count can stop it.</summary>
    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}

/// <summary>
/// A Gateway with configured keys (admin, billing, a throttled one, one to retire) and test-only endpoints, one per
/// scope, on its own database, broker virtual host and silo.
/// </summary>
public sealed class SecuredGateway : IAsyncLifetime
{
    public const string RetiredKeyId = "retiredkey";

    private readonly PostgresDatabase database = new();
    private readonly RabbitMqVirtualHost broker = new();
    private IHost? silo;

    public string AdminKey { get; } = NewKey("adminkey");

    public string BillingKey { get; } = NewKey("billingkey");

    public string ThrottledKey { get; } = NewKey("throttled");

    public string RetiredKey { get; } = NewKey(RetiredKeyId);

    public GatewayHost Gateway { get; private set; } = null!;

    public string Postgres => database.ConnectionString;

    public BootstrapApiKeys Bootstrap => Gateway.Services.GetServices<IHostedService>().OfType<BootstrapApiKeys>().Single();

    public static string NewKey(string id) => $"ars_{id}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}";

    public async Task InitializeAsync()
    {
        await Task.WhenAll(database.InitializeAsync(), broker.InitializeAsync());
        var clusterId = $"security-{Guid.NewGuid():N}";
        silo = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a", rabbitMq: broker.ConnectionString);
        Gateway = await GatewayHost.StartAsync(database.ConnectionString, broker.ConnectionString, clusterId, new Dictionary<string, string?>
        {
            ["ArScale:Security:KeyCacheDuration"] = "00:00:00",
            ["ArScale:Security:BootstrapKeys:admin:Key"] = AdminKey,
            ["ArScale:Security:BootstrapKeys:admin:Scopes:0"] = Scopes.Admin,
            ["ArScale:Security:BootstrapKeys:admin:RequestsPerSecond"] = "1000",
            ["ArScale:Security:BootstrapKeys:billing:Key"] = BillingKey,
            ["ArScale:Security:BootstrapKeys:billing:Scopes:0"] = Scopes.BillingWrite,
            ["ArScale:Security:BootstrapKeys:throttled:Key"] = ThrottledKey,
            ["ArScale:Security:BootstrapKeys:throttled:Scopes:0"] = Scopes.ReportsRead,
            ["ArScale:Security:BootstrapKeys:throttled:RequestsPerSecond"] = "1",
            ["ArScale:Security:BootstrapKeys:retired:Key"] = RetiredKey,
            ["ArScale:Security:BootstrapKeys:retired:Scopes:0"] = Scopes.ReportsRead,
        }, MapTestEndpoints);
    }

    /// <summary>Creates a key through the admin API; returns its id and the key.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string name, params string[] scopes)
    {
        using var admin = Gateway.CreateClient(AdminKey);
        using var response = await admin.PostAsJsonAsync(ApiKeysApi.Path, new { name, scopes });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public Task<T?> ScalarAsync<T>(string sql) => database.ScalarAsync<T>(sql);

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    private static void MapTestEndpoints(WebApplication app)
    {
        app.MapGet("/test/reports", () => TypedResults.Ok()).RequireScope(Scopes.ReportsRead);
        app.MapPost("/test/billing", () => TypedResults.Ok()).RequireScope(Scopes.BillingWrite);
        app.MapGet("/test/any-key", () => TypedResults.Ok());
    }
}
