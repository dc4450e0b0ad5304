using ArScale.Contracts.Accounts;
using ArScale.Silo.Accounts;
using ArScale.Silo.Outbox;
using ArScale.Silo.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Batching;
using ArScale.Silo.Reminders;
using ArScale.Silo.Storage;
using Npgsql;

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
        return services;
    }

    /// <summary>
    /// The account grains' storage: <c>account_state</c> on the <c>postgres</c> connection, many grains per statement
    /// (<see cref="AccountStateStore"/>), batched as <c>ArScale:AccountStorage</c> says (<see cref="CoalescerOptions"/>).
    /// </summary>
    public static IServiceCollection AddAccountStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoalescerOptions>(StorageName).Bind(configuration.GetSection("ArScale:AccountStorage"));
        services.AddKeyedSingleton<IGrainStorage>(StorageName, (provider, _) => new AccountStateStore(
            NpgsqlDataSource.Create(configuration.GetRequiredConnectionString(ConnectionNames.Postgres)),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            provider.GetRequiredService<IOptionsMonitor<CoalescerOptions>>().Get(StorageName)));
        return services;
    }

    /// <summary>
    /// The reminder service on <c>orleans_reminder</c> through <see cref="BatchedReminderTable"/>, whose registrations
    /// are batched as <c>ArScale:ReminderTable</c> says (<see cref="CoalescerOptions"/>).
    /// </summary>
    public static ISiloBuilder AddBatchedReminders(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddReminders();
        silo.Services.AddOptions<CoalescerOptions>("reminders").Bind(configuration.GetSection("ArScale:ReminderTable"));
        silo.Services.AddSingleton<IReminderTable>(provider => new BatchedReminderTable(
            NpgsqlDataSource.Create(configuration.GetRequiredConnectionString(ConnectionNames.Postgres)),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            provider.GetRequiredService<IOptionsMonitor<CoalescerOptions>>().Get("reminders")));
        return silo;
    }

    /// <summary>Wraps the account storage registered before (a storage fault in tests).</summary>
    public static IServiceCollection DecorateAccountStorage(this IServiceCollection services, Func<IServiceProvider, IGrainStorage, IGrainStorage> decorate)
    {
        ArgumentNullException.ThrowIfNull(decorate);
        var registered = services.LastOrDefault(service => service.ServiceType == typeof(IGrainStorage) && service.IsKeyedService && Equals(service.ServiceKey, StorageName))
            ?? throw new InvalidOperationException($"No grain storage named '{StorageName}' is registered.");
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
