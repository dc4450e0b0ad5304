using System.Globalization;
using ArScale.AppHost.Orchestration;

namespace ArScale.AppHost.Model;

/// <summary>
/// A .NET project of the repository run from its build output as one or more processes (replicas), each on its
/// own HTTP port, configured through environment variables in Aspire's conventions.
/// </summary>
public sealed class ProjectResource(string name, string project, RepositoryLayout layout) : Resource(name)
{
    private readonly List<Action<ReplicaEnvironment>> environment = [];
    private readonly Lock gate = new();
    private List<ServiceReplica>? replicas;
    private int replicaCount = 1;
    private bool numbered;
    private int? firstHttpPort;
    private bool runsToCompletion;

    public string Project { get; } = project;

    public IReadOnlyList<ServiceReplica> Replicas
    {
        get
        {
            lock (gate)
            {
                return replicas ??= [.. Enumerable.Range(1, replicaCount).Select(CreateReplica)];
            }
        }
    }

    public override IReadOnlyList<ResourceStatus> Statuses => [.. Replicas.Select(replica => replica.Status)];

    /// <summary>The first replica's address (the one a person opens).</summary>
    public string? BaseUrl => Replicas[0].BaseUrl;

    /// <summary>Runs <paramref name="count"/> processes named <c>name-1</c>…<c>name-N</c>, on consecutive HTTP ports.</summary>
    public ProjectResource WithReplicas(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        EnsureNotStarted();
        replicaCount = count;
        numbered = true;
        return this;
    }

    /// <summary>The first replica listens on <paramref name="port"/> (<c>ASPNETCORE_URLS</c>), the next on the port after it.</summary>
    public ProjectResource WithHttpEndpoint(int port)
    {
        EnsureNotStarted();
        firstHttpPort = port;
        return WithEnvironment(replica => replica.Variables["ASPNETCORE_URLS"] = $"http://127.0.0.1:{replica.HttpPort}");
    }

    /// <summary>A one-off (e.g. migrations): done when it exits 0; others wait for it with <see cref="ResourceExtensions.WaitForCompletion"/>.</summary>
    public ProjectResource RunsToCompletion()
    {
        EnsureNotStarted();
        runsToCompletion = true;
        return this;
    }

    /// <summary>Hands the resource's connection string over as <c>ConnectionStrings__&lt;name&gt;</c>, read when the replica starts.</summary>
    public ProjectResource WithReference(IResourceWithConnectionString resource) =>
        WithEnvironment(replica => replica.Variables[$"ConnectionStrings__{resource.ConnectionName}"] = resource.ConnectionString);

    public ProjectResource WithEnvironment(string variable, string value) => WithEnvironment(replica => replica.Variables[variable] = value);

    /// <summary>A value known only once what it comes from has started (read when the replica starts; nothing set when null).</summary>
    public ProjectResource WithEnvironment(string variable, Func<string?> value) => WithEnvironment(replica =>
    {
        if (value() is { } known)
        {
            replica.Variables[variable] = known;
        }
    });

    public ProjectResource WithEnvironment(IReadOnlyDictionary<string, string> variables) => WithEnvironment(replica =>
    {
        foreach (var (variable, value) in variables)
        {
            replica.Variables[variable] = value;
        }
    });

    public ProjectResource WithEnvironment(Action<ReplicaEnvironment> configure)
    {
        EnsureNotStarted();
        environment.Add(configure);
        return this;
    }

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        // Replicas of one project start together: they need nothing from each other (silos join the cluster through its table).
        await Task.WhenAll(Replicas.Select((replica, index) =>
            replica.StartAsync(context, EnvironmentFor(replica, index + 1), context.ProcessStarted, cancellationToken)));
    }

    public override Task StopAsync() => Task.WhenAll(Replicas.Select(replica => replica.StopAsync()));

    private Dictionary<string, string> EnvironmentFor(ServiceReplica replica, int index)
    {
        var settings = new ReplicaEnvironment(Name, replica.Status.Name, index, firstHttpPort + index - 1);
        foreach (var configure in environment)
        {
            configure(settings);
        }

        return settings.Variables;
    }

    private ServiceReplica CreateReplica(int index) => new(
        numbered ? $"{Name}-{index.ToString(CultureInfo.InvariantCulture)}" : Name,
        layout.ServiceAssembly(Project), layout.ServiceDirectory(Project), firstHttpPort + index - 1, runsToCompletion);

    private void EnsureNotStarted()
    {
        lock (gate)
        {
            if (replicas is not null)
            {
                throw new InvalidOperationException($"{Name} is already built; declare it before the application is built.");
            }
        }
    }
}
