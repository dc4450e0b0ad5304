using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ArScale.Silo.Hosting;

/// <summary>Ready once this silo is an Active member of the cluster, so it can take grain calls.</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Active in a cluster of {active} silo(s).", data)
            : HealthCheckResult.Unhealthy($"Silo is {status}.", data: data));
    }
}
