namespace ArScale.AppHost.Model;

/// <summary>
/// PostgreSQL, RabbitMQ or the SMTP sink: a component of <see cref="LocalInfrastructure"/>, with the connection
/// string <c>infra.sh env</c> gives it and the address a person opens to look at it.
/// </summary>
public sealed class InfrastructureResource : Resource, IResourceWithConnectionString
{
    private readonly LocalInfrastructure infrastructure;
    private readonly string connectionSetting;
    private readonly Func<IReadOnlyDictionary<string, string>, string?> address;
    private readonly Func<IReadOnlyDictionary<string, string>, string> pidName;
    private readonly ResourceStatus status;
    private ResourceContext? context;

    /// <param name="connectionSetting">The variable <c>infra.sh env</c> prints the component's connection string in.</param>
    /// <param name="address">What a person opens to look at the component.</param>
    /// <param name="pidName">The component's pid file under the profile's <c>pids/</c>.</param>
    public InfrastructureResource(
        string name, LocalInfrastructure infrastructure, string connectionSetting,
        Func<IReadOnlyDictionary<string, string>, string?> address, Func<IReadOnlyDictionary<string, string>, string> pidName)
        : base(name)
    {
        this.infrastructure = infrastructure;
        this.connectionSetting = connectionSetting;
        this.address = address;
        this.pidName = pidName;
        status = new ResourceStatus(name);
    }

    public string ConnectionName => Name;

    public string ConnectionString => Settings.TryGetValue(connectionSetting, out var value)
        ? value
        : throw new InvalidOperationException($"{Name} has not started, or infra.sh env printed no {connectionSetting}.");

    /// <summary>Everything <c>infra.sh env</c> printed (e.g. the mail viewer's and RabbitMQ management's URLs).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public override IReadOnlyList<ResourceStatus> Statuses => [status];

    /// <summary>What a person opens to look at the component (RabbitMQ's management UI and API, the mail viewer), once started.</summary>
    public string? Address => status.Url;

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        this.context = context;
        status.Set(ResourceState.Starting);
        Settings = await infrastructure.EnsureStartedAsync(line => context.Output.Log("infra", line), cancellationToken);
        status.Process(infrastructure.ProcessId(pidName(Settings)), address(Settings));
        status.Set(ResourceState.Running, infrastructure.WasAlreadyRunning ? "already running" : null);
    }

    public override async Task StopAsync()
    {
        if (status.State is ResourceState.Waiting)
        {
            return;
        }

        status.Set(ResourceState.Stopping);
        await infrastructure.EnsureStoppedAsync(line => context?.Output.Log("infra", line));
        status.Set(infrastructure.WasAlreadyRunning ? ResourceState.Running : ResourceState.Stopped, infrastructure.WasAlreadyRunning ? "left running" : null);
    }
}
