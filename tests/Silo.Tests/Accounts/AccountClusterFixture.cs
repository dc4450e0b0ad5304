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
/// A two-silo TestCluster running the real account grain with policies from a folder, an in-memory store and reminder table (each failing on demand), a clock
/// the tests move, and a bus that records what it is given (or fails, on demand). Each fixture type has its own
/// clock and bus, so a collection that moves time never moves it under another collection's feet.
/// </summary>
public abstract class AccountClusterFixture : IAsyncLifetime
{
    /// <param name="clock">This cluster's clock, which the grains and Orleans itself read.</param>
    /// <param name="policyFolder">The policy folder, relative to the test output folder.</param>
    protected AccountClusterFixture(TimeProvider clock, string policyFolder = "policies")
    {
        Clock = clock;
        var policyDirectory = Path.Combine(AppContext.BaseDirectory, policyFolder);
        Cluster = new InProcessTestClusterBuilder(initialSilosCount: 2)
            .ConfigureSilo((_, silo) =>
            {
                var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ArScale:Dunning:WakeUpSpread"] = "00:00:00",
                    ["ArScale:Dunning:PublishTimeout"] = PublishTimeout.ToString(),
                    ["ArScale:Dunning:PolicyDirectory"] = policyDirectory,
                }).Build();
                // The domain's own JSON, as in production: the default serializer cannot read account state back.
                silo.AddMemoryGrainStorage(AccountServices.StorageName, storage => storage.GrainStorageSerializer = new AccountStorageSerializer());
                silo.Services.DecorateAccountStorage((_, storage) => new FaultyGrainStorage(storage, Storage));
                silo.UseInMemoryReminderService();
                ReminderFaults.Decorate(silo.Services, Reminders);
                silo.Services.AddSingleton<TimeProvider>(Clock);
                silo.Services.AddSingleton<IEventPublisher>(Bus);
                silo.Services.AddAccountGrains(settings);
            })
            .ConfigureClient(client => client.Services.AddDunningSerialization())
            .Build();
    }

    /// <summary>Short, so that a test of a hung broker waits for it briefly.</summary>
    public static TimeSpan PublishTimeout { get; } = TimeSpan.FromSeconds(1);

    public TimeProvider Clock { get; }

    public RecordingPublisher Bus { get; } = new();

    public StorageFaults Storage { get; } = new();

    public ReminderFaults Reminders { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The cluster <see cref="AccountGrainTests"/> share, with the real policies: Monday 2 November 2026, 10:00 in London.</summary>
public sealed class MondayMorningClusterFixture() : AccountClusterFixture(new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero)));

public sealed class RecordingPublisher : IEventPublisher
{
    private TaskCompletionSource? hang;

    public ConcurrentQueue<OutboxMessage> Published { get; } = new();
    public bool Failing { get; set; }

    /// <summary>From now on publishing never returns, token or not, as with a wedged broker client.</summary>
    public void Hang() => hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The hung publishes fail (so none of them lands late), and new ones go through again.</summary>
    public void StopHanging() => Interlocked.Exchange(ref hang, null)?.TrySetCanceled();

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref hang) is { } hung)
        {
            return hung.Task;
        }

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
