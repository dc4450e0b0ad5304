using ArScale.Contracts.Accounts;
using ArScale.Silo.Accounts;
using ArScale.Silo.Outbox;
using ArScale.Silo.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ArScale.Silo.Hosting;

public static class AccountServices
{
    public const string StorageName = "accounts";

    /// <summary>What the account grains need besides the bus: policies, clock, pacing, serialization.</summary>
    public static IServiceCollection AddAccountGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DunningOptions>().Bind(configuration.GetSection("ArScale:Dunning"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => PolicyCatalogFiles.Load(provider.GetRequiredService<IOptions<DunningOptions>>().Value.PolicyDirectory));
        services.AddSingleton<ReminderWorkLimiter>();
        services.AddSingleton<OutboxDepth>();
        services.AddSingleton<DunningMetrics>();
        services.AddDunningSerialization();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<DunningOptions>>((collection, dunning) =>
            collection.ClassSpecificCollectionAge[typeof(AccountGrain).FullName!] = dunning.Value.IdleDeactivation);
        services.PostConfigureAll<AdoNetGrainStorageOptions>(storage => storage.GrainStorageSerializer = new AccountStorageSerializer());
        return services;
    }

    public static IServiceCollection AddBusEventPublisher(this IServiceCollection services) =>
        services.AddSingleton<IEventPublisher, MassTransitEventPublisher>();
}
