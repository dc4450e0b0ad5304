using ArScale.Contracts.Accounts;
using ArScale.TestGrains;
using Orleans.TestingHost;

namespace ArScale.Silo.Tests.Plumbing;

public sealed class TestClusterTests : IAsyncLifetime
{
    private readonly InProcessTestCluster cluster = new InProcessTestClusterBuilder(initialSilosCount: 2)
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("accounts");
            silo.Services.AddDunningSerialization();
        })
        .ConfigureClient(client => client.Services.AddDunningSerialization())
        .Build();

    public Task InitializeAsync() => cluster.DeployAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_grain_keeps_its_state_across_deactivation_in_a_two_silo_test_cluster()
    {
        var grain = cluster.Client.GetGrain<IProbeGrain>("account-1");
        await grain.Increment();
        await grain.Deactivate();

        Assert.Equal(2, await grain.Increment());
        Assert.Equal(2, cluster.Silos.Count);
    }
}
