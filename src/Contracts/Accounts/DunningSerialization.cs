using ArScale.Dunning;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Configuration;

namespace ArScale.Contracts.Accounts;

public static class DunningSerialization
{
    /// <summary>
    /// The domain stays free of Orleans attributes; its records cross the grain boundary as System.Text.Json,
    /// in the same shape the grain stores them. Silo and clients must both register this.
    /// </summary>
    public static IServiceCollection AddDunningSerialization(this IServiceCollection services)
    {
        // The domain's assembly is ours, so its types may travel; nothing else is opened up.
        services.Configure<TypeManifestOptions>(manifest => manifest.AddAllowedAssembly(typeof(Account).Assembly));
        return services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Assembly == typeof(Account).Assembly,
            jsonSerializerOptions: DunningJson.Options));
    }
}
