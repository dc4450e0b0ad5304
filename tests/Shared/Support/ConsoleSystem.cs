using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Tests.Support;

/// <summary>A console user as a test signs in with it.</summary>
public sealed record ConsoleLogin(string Name, string Password, string Role, string? CollectorId = null);

/// <summary>
/// A Gateway with its operations console on a real port, in front of a real silo, database and broker virtual host,
/// private to one test class: one API key per scope and one console user per role, bootstrapped from configuration
/// the way an operator sets up a fresh installation. Subclasses change settings or seed data.
/// </summary>
public class ConsoleSystem : IAsyncLifetime
{
    public const string AdminKey = "ars_consoleadmin_Pq7wE2rT9yU4iO1pA6sD3fG8hJ5kL0zX";
    public const string BillingKey = "ars_consolebill_Lm4nB7vC1xZ8qW5eR2tY9uI6oP3aS0dF";
    public const string CollectionsKey = "ars_consolecoll_Hj6kL9zX2cV5bN8mQ1wE4rT7yU0iO3pA";
    public const string ReportsKey = "ars_consolerept_Ty3uI6oP9aS2dF5gH8jK1lZ4xC7vB0nM";

    public static readonly ConsoleLogin Admin = new("ada", "ada-console-password-1", "admin");
    public static readonly ConsoleLogin Collector = new("kim", "kim-console-password-1", "collector", "c-kim");
    public static readonly ConsoleLogin Viewer = new("val", "val-console-password-1", "viewer");

    private static int addresses;

    private readonly PostgresDatabase database = new();
    private IHost? silo;

    public RabbitMqVirtualHost Broker { get; } = new();

    public GatewayHost Gateway { get; private set; } = null!;

    public string ClusterId { get; } = $"console-{Guid.NewGuid():N}";

    public IGrainFactory Grains => silo!.Services.GetRequiredService<IGrainFactory>();

    public string Postgres => database.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        await Task.WhenAll(database.InitializeAsync(), Broker.InitializeAsync());
        silo = await SiloHost.StartAsync(database.ConnectionString, ClusterId, "silo-a", rabbitMq: Broker.ConnectionString,
            services: services => services.Configure<ArScale.Silo.Status.SiloStatusOptions>(status => status.Interval = TimeSpan.FromSeconds(1)));
        var settings = new Dictionary<string, string?>
        {
            ["ArScale:Security:KeyCacheDuration"] = "00:00:00",
            ["ArScale:Console:RabbitMqManagement:Url"] = TestEnvironment.RabbitMqManagement,
        };
        AddKey(settings, "admin", AdminKey, "admin");
        AddKey(settings, "billing", BillingKey, "billing:write");
        AddKey(settings, "collections", CollectionsKey, "collections:write");
        AddKey(settings, "reports", ReportsKey, "reports:read");
        foreach (var user in new[] { Admin, Collector, Viewer })
        {
            settings[$"ArScale:Console:BootstrapUsers:{user.Name}:Password"] = user.Password;
            settings[$"ArScale:Console:BootstrapUsers:{user.Name}:Role"] = user.Role;
            settings[$"ArScale:Console:BootstrapUsers:{user.Name}:CollectorId"] = user.CollectorId;
        }

        Configure(settings);
        Gateway = await GatewayHost.StartAsync(database.ConnectionString, Broker.ConnectionString, ClusterId, settings);
    }

    /// <summary>Settings a test class needs on top of the defaults (e.g. tighter sign-in limits).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public HttpClient Client(string? apiKey = null) => Gateway.CreateClient(apiKey);

    /// <summary>
    /// A loopback address of its own (127.0.0.x) for a test: sign-in failures are counted per client address, and
    /// tests that count them must not share one.
    /// </summary>
    public static IPAddress NextAddress() => new([127, 0, (byte)(Interlocked.Increment(ref addresses) / 250), (byte)(2 + (addresses % 250))]);

    /// <summary>A client with its own cookie jar, not signed in: what a browser has before the sign-in page. It connects from <paramref name="from"/> when given.</summary>
    public HttpClient Browser(IPAddress? from = null) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = Gateway.Address,
    };

    /// <summary>Signs in the way the console page does and sends the session's antiforgery token with every request, as the page does with writes.</summary>
    public async Task<HttpClient> SignedInAsync(ConsoleLogin user, bool withCsrfToken = true, IPAddress? from = null)
    {
        var client = Browser(from);
        using var signIn = await client.PostAsJsonAsync("console/session", new { name = user.Name, password = user.Password });
        Assert.True(signIn.StatusCode == HttpStatusCode.NoContent, $"{user.Name} could not sign in: {(int)signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}");
        var session = await client.GetFromJsonAsync<JsonElement>("console/session");
        if (withCsrfToken)
        {
            client.DefaultRequestHeaders.Add(session.GetProperty("csrfHeader").GetString()!, session.GetProperty("csrfToken").GetString());
        }

        return client;
    }

    public Task PublishAsync<T>(T message)
        where T : class =>
        silo!.Services.GetRequiredService<IBus>().Publish(message);

    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => database.ScalarAsync<T>(sql, parameters);

    /// <summary>Creates an account through the billing API.</summary>
    public async Task<string> CreateAccountAsync(string? accountId = null, string? name = null, string segment = "standard", string? collectorId = null)
    {
        accountId ??= $"ACC-{Guid.NewGuid():N}"[..20];
        using var client = Client(BillingKey);
        using var response = await client.PutAsJsonAsync($"api/v1/accounts/{accountId}", new
        {
            requestId = $"create-{accountId}",
            name = name ?? $"Customer {accountId}",
            contacts = new[] { new { kind = "email", address = $"{accountId.ToLowerInvariant()}@example.test" } },
            locale = "en",
            timeZone = "Europe/Berlin",
            segment,
            paymentTerms = new { kind = "net", netDays = 30 },
            collectorId,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return accountId;
    }

    /// <summary>Issues an invoice through the billing API, due <paramref name="daysPastDue"/> days ago (negative: not yet due).</summary>
    public async Task IssueInvoiceAsync(string accountId, string invoiceId, decimal amount, string currency, int daysPastDue)
    {
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-daysPastDue);
        using var client = Client(BillingKey);
        using var response = await client.PostAsJsonAsync($"api/v1/accounts/{accountId}/invoices", new
        {
            invoiceId, amount, currency, issueDate = due.AddDays(-30), dueDate = due,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the account summary projection has caught up with the accounts given.</summary>
    public async Task WaitForSummariesAsync(params string[] accountIds)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var projected = await ScalarAsync<long>("SELECT count(*) FROM account_summary WHERE account_id = ANY(@ids)", ("ids", accountIds));
            if (projected == accountIds.Length)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The account summary projection did not catch up with {string.Join(", ", accountIds)} in 10 s.");
    }

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await Broker.DisposeAsync();
        await database.DisposeAsync();
    }

    private static void AddKey(Dictionary<string, string?> settings, string name, string key, string scope)
    {
        settings[$"ArScale:Security:BootstrapKeys:{name}:Key"] = key;
        settings[$"ArScale:Security:BootstrapKeys:{name}:Scopes:0"] = scope;
        settings[$"ArScale:Security:BootstrapKeys:{name}:RequestsPerSecond"] = "1000";
    }
}
