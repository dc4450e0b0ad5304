namespace ArScale.AppHost.Model;

/// <summary>
/// Something the AppHost runs: infrastructure, a project (one or more processes), a one-off. Declared in
/// Program.cs with the resources it waits for; started by <see cref="Orchestration.DistributedApplication"/>
/// once they are ready, stopped before them.
/// </summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> waitsFor = [];
    private readonly List<Resource> waitsForCompletion = [];

    public string Name { get; } = name;

    /// <summary>Resources that must be running (healthy) before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => waitsFor;

    /// <summary>One-offs that must have finished successfully before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsForCompletion => waitsForCompletion;

    public IEnumerable<Resource> Dependencies => waitsFor.Concat(waitsForCompletion).Distinct();

    /// <summary>The rows this resource shows in the status table (one per replica).</summary>
    public abstract IReadOnlyList<ResourceStatus> Statuses { get; }

    /// <summary>
    /// A resource the system does not wait for to call itself running, and whose failure stops nothing
    /// (the demo data): it reports its outcome in its row.
    /// </summary>
    public virtual bool IsBackground => false;

    /// <summary>Starts the resource; returns once it is running (or, for a one-off, finished).</summary>
    public abstract Task StartAsync(ResourceContext context, CancellationToken cancellationToken);

    /// <summary>Stops what <see cref="StartAsync"/> started; harmless if nothing was.</summary>
    public abstract Task StopAsync();

    internal void AddWait(Resource resource, bool forCompletion)
    {
        var list = forCompletion ? waitsForCompletion : waitsFor;
        if (!list.Contains(resource))
        {
            list.Add(resource);
        }
    }
}

/// <summary>Fluent declarations shared by every resource, in Aspire's words.</summary>
public static class ResourceExtensions
{
    /// <summary>Starts <paramref name="resource"/> only once <paramref name="dependency"/> is running and healthy.</summary>
    public static TResource WaitFor<TResource>(this TResource resource, Resource dependency)
        where TResource : Resource
    {
        resource.AddWait(dependency, forCompletion: false);
        return resource;
    }

    /// <summary>Starts <paramref name="resource"/> only once the one-off <paramref name="dependency"/> has finished successfully.</summary>
    public static TResource WaitForCompletion<TResource>(this TResource resource, Resource dependency)
        where TResource : Resource
    {
        resource.AddWait(dependency, forCompletion: true);
        return resource;
    }
}
