using System.Globalization;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// One ArScale system of a run: its database, its virtual host and its Orleans cluster id. Starts silos, Gateways and
/// Notifiers as the AppHost does (the Release build, <c>dotnet &lt;dll&gt;</c>, settings as environment variables),
/// each waited for on <c>/health</c>.
/// </summary>
public sealed class ArScaleServices(ServiceProcesses processes, RepositoryLayout layout, SystemSettings system, string logDirectory)
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);

    public SystemSettings System => system;

    public Task<ServiceProcess> StartSiloAsync(string name, CancellationToken cancellationToken) =>
        StartSiloAsync(name, new Dictionary<string, string>(StringComparer.Ordinal), cancellationToken);

    /// <summary>A silo with <paramref name="settings"/> on top (its <c>ArScale__Dunning__*</c> and <c>ArScale__Reminders__*</c> tuning).</summary>
    public async Task<ServiceProcess> StartSiloAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(Common(), StringComparer.Ordinal)
        {
            ["Orleans__Name"] = name,
            ["Orleans__Endpoints__SiloPort"] = Port(FreePorts.Next()),
            ["Orleans__Endpoints__GatewayPort"] = Port(FreePorts.Next()),
            // Loopback: the cluster's traffic stays on this machine's 127.0.0.1 whatever its network interfaces are.
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return await StartAsync(name, "Silo", environment, cancellationToken);
    }

    /// <summary>A Notifier with <paramref name="settings"/> on top (its <c>ArScale__Notifier__*</c> and <c>ArScale__Bus__*</c> tuning).</summary>
    public async Task<ServiceProcess> StartNotifierAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(Common(), StringComparer.Ordinal)
        {
            ["ConnectionStrings__smtp"] = system.Smtp,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return await StartAsync(name, "Notifier", environment, cancellationToken);
    }

    /// <summary>
    /// A Gateway with one API key of its own for the load client (<paramref name="apiKey"/>, admin scope, a request
    /// rate no run reaches): the client is measured against the system, not against its own key's rate limit.
    /// </summary>
    /// <param name="settings">On top: console users to bootstrap, say (<c>ArScale__Console__BootstrapUsers__*</c>).</param>
    public async Task<ServiceProcess> StartGatewayAsync(string name, string apiKey, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(Common(), StringComparer.Ordinal)
        {
            ["ArScale__Security__BootstrapKeys__load__Key"] = apiKey,
            ["ArScale__Security__BootstrapKeys__load__Scopes__0"] = "admin",
            ["ArScale__Security__BootstrapKeys__load__RequestsPerSecond"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return await StartAsync(name, "Gateway", environment, cancellationToken);
    }

    /// <summary>Starts several at once (their start-up overlaps, as a scaled-out deployment's would) and waits for all.</summary>
    public async Task<IReadOnlyList<ServiceProcess>> StartNotifiersAsync(int count, string prefix, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(1, count).Select(index => StartNotifierAsync($"{prefix}-{index}", settings, cancellationToken)));

    private async Task<ServiceProcess> StartAsync(string name, string project, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var service = processes.Start(name, layout.ServiceAssembly(project), [], FreePorts.Next(), environment, Path.Combine(logDirectory, $"{name}.log"));
        try
        {
            await service.WaitUntilHealthyAsync(HealthTimeout, cancellationToken);
        }
        catch
        {
            await processes.StopAsync([service]);
            throw;
        }

        return service;
    }

    private Dictionary<string, string> Common() => new(StringComparer.Ordinal)
    {
        ["ConnectionStrings__postgres"] = system.Postgres,
        ["ConnectionStrings__rabbitmq"] = system.RabbitMq,
        ["Orleans__ClusterId"] = system.ClusterId,
        ["Orleans__ServiceId"] = system.ClusterId,
        // Nothing is exported during a measurement, whatever the caller's shell has set.
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where one system of a run lives: its database, its virtual host, its SMTP server, its cluster.</summary>
public sealed record SystemSettings(string Postgres, string RabbitMq, string Smtp, string ClusterId);
