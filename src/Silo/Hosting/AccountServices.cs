using ArScale.Contracts.Accounts;
using ArScale.Silo.Accounts;
using ArScale.Silo.Outbox;
using ArScale.Silo.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

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
        services.AddSingleton<StorageGate>();
        services.AddSingleton<OutboxDepth>();
        services.AddSingleton<DunningMetrics>();
        services.AddDunningSerialization();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<DunningOptions>>((collection, dunning) =>
            collection.ClassSpecificCollectionAge[typeof(AccountGrain).FullName!] = dunning.Value.IdleDeactivation);
        services.PostConfigureAll<AdoNetGrainStorageOptions>(storage => storage.GrainStorageSerializer = new AccountStorageSerializer());
        return services;
    }

    /// <summary>
    /// Puts the account storage behind <see cref="StorageGate"/>. Called once Orleans has registered the storage
    /// named in configuration (<c>Orleans:GrainStorage:accounts</c>); fails at start-up if there is none to gate.
    /// </summary>
    public static IServiceCollection GateAccountStorage(this IServiceCollection services) =>
        services.DecorateAccountStorage((provider, inner) => new GatedGrainStorage(inner, provider.GetRequiredService<StorageGate>()));

    /// <summary>Wraps the account storage Orleans registered (the gate in production; a storage fault in tests).</summary>
    public static IServiceCollection DecorateAccountStorage(this IServiceCollection services, Func<IServiceProvider, IGrainStorage, IGrainStorage> decorate)
    {
        ArgumentNullException.ThrowIfNull(decorate);
        var registered = services.LastOrDefault(service => service.ServiceType == typeof(IGrainStorage) && service.IsKeyedService && Equals(service.ServiceKey, StorageName))
            ?? throw new InvalidOperationException($"No grain storage named '{StorageName}' is configured (Orleans:GrainStorage:{StorageName}).");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(StorageName, (provider, key) => decorate(provider, Create(registered, provider, key)));
        return services;

        static IGrainStorage Create(ServiceDescriptor registered, IServiceProvider provider, object? key) => (IGrainStorage)(
            registered.KeyedImplementationFactory?.Invoke(provider, key)
            ?? registered.KeyedImplementationInstance
            ?? ActivatorUtilities.CreateInstance(provider, registered.KeyedImplementationType!));
    }

    public static IServiceCollection AddBusEventPublisher(this IServiceCollection services) =>
        services.AddSingleton<IEventPublisher, MassTransitEventPublisher>();
}
