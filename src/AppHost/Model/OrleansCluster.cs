using System.Globalization;

namespace ArScale.AppHost.Model;

/// <summary>
/// The Orleans cluster the silos form and the clients join: its ids, and each silo's ports. Clustering itself is
/// ADO.NET on PostgreSQL (the services' appsettings.json), so the silos find each other through the database.
/// </summary>
public sealed class OrleansCluster(string clusterId, int siloPortBase, int gatewayPortBase)
{
    public string ClusterId { get; } = clusterId;

    /// <summary>Settings for a silo replica: the cluster, its name and its own silo and gateway ports.</summary>
    public void Silo(ReplicaEnvironment replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        Client(replica);
        replica.Variables["Orleans__Name"] = replica.ReplicaName;
        replica.Variables["Orleans__Endpoints__SiloPort"] = (siloPortBase + replica.Index - 1).ToString(CultureInfo.InvariantCulture);
        replica.Variables["Orleans__Endpoints__GatewayPort"] = (gatewayPortBase + replica.Index - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Settings for a client (Gateway, Notifier): which cluster to join.</summary>
    public void Client(ReplicaEnvironment replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        replica.Variables["Orleans__ClusterId"] = ClusterId;
        replica.Variables["Orleans__ServiceId"] = ClusterId;
    }
}

public static class OrleansReferences
{
    /// <summary>The project's replicas are silos of <paramref name="cluster"/>.</summary>
    public static ProjectResource AsSiloOf(this ProjectResource project, OrleansCluster cluster) => project.WithEnvironment(cluster.Silo);

    /// <summary>The project is a client of <paramref name="cluster"/>.</summary>
    public static ProjectResource WithReference(this ProjectResource project, OrleansCluster cluster) => project.WithEnvironment(cluster.Client);
}
