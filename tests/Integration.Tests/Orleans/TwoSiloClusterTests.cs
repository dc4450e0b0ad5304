using ArScale.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using Orleans.Runtime;

namespace ArScale.Integration.Tests.Orleans;

public sealed class TwoSiloClusterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int ActiveStatus = 3; // Orleans.Runtime.SiloStatus.Active as the membership table stores it.

    [Fact]
    public async Task Two_silos_join_one_cluster_through_the_membership_table()
    {
        var clusterId = $"two-silos-{Guid.NewGuid():N}";
        using var first = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a");
        using var second = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-b");

        await Eventually(async () =>
            await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = @active",
                ("cluster", clusterId), ("active", ActiveStatus)) == 2);
        var seenByFirst = first.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
            .Count(member => member.Status == SiloStatus.Active);
        Assert.Equal(2, seenByFirst);

        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Account_state_survives_deactivation_and_a_restart_of_the_cluster()
    {
        var clusterId = $"state-{Guid.NewGuid():N}";
        var profile = new AccountProfile("Ada Customer", [new Contact(ContactKind.Email, "ada@example.test")], "en", "Europe/London", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        using (var silo = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a"))
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            Assert.IsType<CommandResult.Accepted>(await grains.GetGrain<IAccountGrain>("account-1").Execute(new UpsertProfile("p-1", profile)));
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            Assert.IsType<CommandResult.Accepted>(await grains.GetGrain<IAccountGrain>("account-1").Execute(new UpsertProfile("p-2", profile with { Name = "Ada Renamed" })));
            await silo.StopAsync();
        }

        using (var restarted = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-b"))
        {
            var snapshot = await restarted.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>("account-1").GetSnapshot();
            Assert.Equal("Ada Renamed", snapshot.Profile?.Name);
            await restarted.StopAsync();
        }

        var rows = await database.ScalarAsync<long>(
            "SELECT count(*) FROM account_state WHERE service_id = @service AND account_id = 'account-1' AND payload IS NOT NULL", ("service", clusterId));
        Assert.Equal(1, rows);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
