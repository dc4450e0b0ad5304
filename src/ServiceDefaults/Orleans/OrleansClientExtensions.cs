using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace ArScale.ServiceDefaults.Orleans;

public static class OrleansClientExtensions
{
    /// <summary>
    /// Connects to the silo cluster. Clustering is bound from the <c>Orleans</c> configuration section, so the
    /// same keys work here, under the AppHost and under an Aspire AppHost.
    /// </summary>
    public static TBuilder AddArScaleOrleansClient<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.UseOrleansClient(client => client.AddActivityPropagation());
        builder.Services.AddHealthChecks().AddCheck<ClusterClientHealthCheck>("orleans-cluster", tags: ["ready"]);
        return builder;
    }
}
