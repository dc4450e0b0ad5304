using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ArScale.Silo.Storage;
using ArScale.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Storage;

namespace ArScale.Integration.Tests.Accounts;

/// <summary>
/// A reminder storm wakes many idle accounts at once, each reading its state before anything else. The silo's account
/// storage (AccountStateStore) queues those reads in memory and reads many accounts per statement, so a pool far
/// smaller than the burst serves every one of them, and hundreds of creations share a few statements.
/// </summary>
public sealed class ActivationStormTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Accounts = 600;

    [Fact]
    public async Task Hundreds_of_idle_accounts_woken_at_once_all_activate_on_a_pool_of_eight_connections()
    {
        var smallPool = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 8, Timeout = 2 }.ConnectionString;
        using var silo = await SiloHost.StartAsync(smallPool, $"storm-{Guid.NewGuid():N}", "silo-a");
        var store = Assert.IsType<AccountStateStore>(silo.Services.GetRequiredKeyedService<IGrainStorage>(AccountServices.StorageName));

        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var accountIds = Enumerable.Range(0, Accounts).Select(index => $"wake-{Guid.NewGuid():N}-{index}").ToList();
        var profile = new AccountProfile("Ada Customer", [new Contact(ContactKind.Email, "ada@example.test")], "en", "Europe/London", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        var created = await Task.WhenAll(accountIds.Select(accountId => grains.GetGrain<IAccountGrain>(accountId).Execute(new UpsertProfile("p-1", profile))));
        Assert.All(created, result => Assert.IsType<CommandResult.Accepted>(result));

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var woken = await Task.WhenAll(accountIds.Select(accountId => grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()));

        Assert.All(woken, snapshot => Assert.Equal("Ada Customer", snapshot.Profile?.Name));
        var batching = store.Batching;
        Assert.True(batching.WriteStatements * 4 <= batching.Writes, $"{batching.Writes} writes took {batching.WriteStatements} statements");
        Assert.True(batching.ReadStatements * 4 <= batching.Reads, $"{batching.Reads} reads took {batching.ReadStatements} statements");
        await silo.StopAsync();
    }
}
