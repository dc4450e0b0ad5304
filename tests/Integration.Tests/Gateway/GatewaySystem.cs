using System.Net.Http.Json;
using System.Text.Json;
using ArScale.Gateway.Billing;
using ArScale.Integration.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// A Gateway on a real port in front of a real silo, database and broker virtual host, private to one test
/// class, with one API key per role set up the way an operator bootstraps a fresh installation. A subclass may
/// configure the Gateway and the silo further (e.g. shorter retries).
/// </summary>
public class GatewaySystem : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public GatewaySystem()
        : this(new Dictionary<string, string?>())
    {
    }

    protected GatewaySystem(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public const string BillingKey = "ars_billingsys_Jq3v9kT2xWm8pL4sN7cR1dF6gH0yZ5bE";
    public const string CollectionsKey = "ars_collectors_Vb8nM2kQ5wE9rT1yU4iO7pA3sD6fG0hJ";
    public const string ReportsKey = "ars_reporting_Xc5vB8nM1qW4eR7tY0uI3oP6aS9dF2gH";

    private readonly PostgresDatabase database = new();
    private IHost? silo;

    public RabbitMqVirtualHost Broker { get; } = new();

    public GatewayHost Gateway { get; private set; } = null!;

    public string ClusterId { get; } = $"gateway-{Guid.NewGuid():N}";

    public IGrainFactory Grains => silo!.Services.GetRequiredService<IGrainFactory>();

    public string Postgres => database.ConnectionString;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(database.InitializeAsync(), Broker.InitializeAsync());
        silo = await SiloHost.StartAsync(database.ConnectionString, ClusterId, "silo-a", rabbitMq: Broker.ConnectionString, settings: settings);
        var configuration = new Dictionary<string, string?>
        {
            ["ArScale:Security:BootstrapKeys:billing:Key"] = BillingKey,
            ["ArScale:Security:BootstrapKeys:billing:Scopes:0"] = "billing:write",
            ["ArScale:Security:BootstrapKeys:billing:RequestsPerSecond"] = "1000",
            ["ArScale:Security:BootstrapKeys:collections:Key"] = CollectionsKey,
            ["ArScale:Security:BootstrapKeys:collections:Scopes:0"] = "collections:write",
            ["ArScale:Security:BootstrapKeys:reports:Key"] = ReportsKey,
            ["ArScale:Security:BootstrapKeys:reports:Scopes:0"] = "reports:read",
            ["ArScale:Security:BootstrapKeys:reports:RequestsPerSecond"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        Gateway = await GatewayHost.StartAsync(database.ConnectionString, Broker.ConnectionString, ClusterId, configuration);
    }

    public HttpClient Billing() => Gateway.CreateClient(BillingKey);

    public HttpClient Collections() => Gateway.CreateClient(CollectionsKey);

    public HttpClient Reports() => Gateway.CreateClient(ReportsKey);

    public Task PublishAsync<T>(T message)
        where T : class =>
        silo!.Services.GetRequiredService<IBus>().Publish(message);

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) => database.ScalarAsync<long>(sql, parameters);

    /// <summary>Runs a statement on the system's database, e.g. to take a table away for a while.</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an account through the API, in the given segment and currency's usual locale.</summary>
    public async Task<string> CreateAccountAsync(string segment = "standard", string? accountId = null)
    {
        accountId ??= $"ACC-{Guid.NewGuid():N}"[..20];
        using var client = Billing();
        using var response = await client.PutAsJsonAsync($"api/v1/accounts/{accountId}", new
        {
            requestId = $"create-{accountId}",
            name = $"Customer {accountId}",
            contacts = new[] { new { kind = "email", address = $"{accountId.ToLowerInvariant()}@example.test" } },
            locale = "en",
            timeZone = "Europe/Berlin",
            segment,
            paymentTerms = new { kind = "net", netDays = 30 },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return accountId;
    }

    public async Task DisposeAsync()
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
}

/// <summary>Reads answers the way a client would: problem details, and the status of a write.</summary>
public static class Answers
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(JsonBody.Options)).Clone();

    public static async Task<string> StatusOfAsync(HttpResponseMessage response) =>
        (await JsonAsync(response)).GetProperty("status").GetString()!;

    /// <summary>The field a problem-details answer names in its <c>errors</c>.</summary>
    public static async Task<string> ProblemFieldAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        return problem.GetProperty("errors").EnumerateObject().Single().Name;
    }
}
