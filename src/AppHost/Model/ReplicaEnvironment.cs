namespace ArScale.AppHost.Model;

/// <summary>The environment one replica is started with, built from the declarations on its project.</summary>
public sealed class ReplicaEnvironment(string resourceName, string replicaName, int index, int? httpPort)
{
    public string ResourceName { get; } = resourceName;

    public string ReplicaName { get; } = replicaName;

    /// <summary>1 for the first replica.</summary>
    public int Index { get; } = index;

    public int? HttpPort { get; } = httpPort;

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
}
