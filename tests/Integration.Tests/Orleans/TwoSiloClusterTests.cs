using ArScale.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ArScale.TestGrains;
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
    public async Task Grain_state_survives_deactivation_and_a_restart_of_the_cluster()
    {
        var clusterId = $"state-{Guid.NewGuid():N}";
        using (var silo = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a"))
        {
            var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("account-1");
            await grain.Increment();
            await grain.Increment();
            await grain.Deactivate();
            Assert.Equal(3, await grain.Increment());
            await silo.StopAsync();
        }

        using (var restarted = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-b"))
        {
            var grain = restarted.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("account-1");
            Assert.Equal(3, await grain.Current());
            await restarted.StopAsync();
        }

        var rows = await database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_grain_state WHERE service_id = @service AND payload IS NOT NULL", ("service", clusterId));
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
