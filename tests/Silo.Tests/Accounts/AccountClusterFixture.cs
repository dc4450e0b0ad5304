using System.Collections.Concurrent;
using ArScale.Contracts.Accounts;
using ArScale.Silo.Hosting;
using ArScale.Silo.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>
/// A two-silo TestCluster running the real account grain with the real policies, an in-memory store, a clock
/// the tests move, and a bus that records what it is given (or fails, on demand).
/// </summary>
public sealed class AccountClusterFixture : IAsyncLifetime
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    public static readonly RecordingPublisher Bus = new();

    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder(initialSilosCount: 2)
        .ConfigureSilo((_, silo) =>
        {
            var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ArScale:Dunning:WakeUpSpread"] = "00:00:00",
                ["ArScale:Dunning:PolicyDirectory"] = Path.Combine(AppContext.BaseDirectory, "policies"),
            }).Build();
            silo.AddMemoryGrainStorage(AccountServices.StorageName);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<IEventPublisher>(Bus);
            silo.Services.AddAccountGrains(settings);
        })
        .ConfigureClient(client => client.Services.AddDunningSerialization())
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class RecordingPublisher : IEventPublisher
{
    public ConcurrentQueue<OutboxMessage> Published { get; } = new();
    public bool Failing { get; set; }

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException("broker unreachable (test)");
        }

        Published.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<OutboxMessage> For(string accountId, string type) =>
        [.. Published.Where(message => message.MessageType.EndsWith("." + type, StringComparison.Ordinal)
            && message.Payload.Contains($"\"accountId\":\"{accountId}\"", StringComparison.Ordinal))];
}
