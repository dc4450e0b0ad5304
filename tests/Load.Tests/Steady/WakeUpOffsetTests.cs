using System.Reflection;
using System.Runtime.Loader;
using ArScale.Load.Infrastructure;
using ArScale.Load.Scenarios.Steady;

namespace ArScale.Load.Tests.Steady;

/// <summary>
/// The steady load measures each notice from T0 + its account's wake-up offset, which the load tool computes itself
/// (<see cref="WakeUpOffset"/>) the way the silo does (<c>src/Silo/Accounts/WakeUpJitter.cs</c>). Known account ids
/// are pinned to their offsets, and the silo's own class (from its build, which the load tool's build includes) must
/// agree: a change on either side fails here instead of skewing every latency silently.
/// </summary>
public sealed class WakeUpOffsetTests
{
    /// <summary>FNV-1a (32 bit) of the id's UTF-8 bytes, modulo the spread's whole seconds; worked out by hand once.</summary>
    public static TheoryData<string, int, int> Pinned => new()
    {
        { "acc-1", 600, 412 },
        { "acc-1", 120, 52 },
        { "storm-20261203-170000-steady-000001", 600, 183 },
        { "storm-20261203-170000-steady-000001", 120, 63 },
        { "storm-20261203-170000-steady-120000", 600, 159 },
        { "storm-20261203-170000-steady-120000", 86_400, 10_359 },
        { "Müller-7", 600, 260 },
        { "", 600, 61 },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void The_offset_of_a_known_account_is_pinned(string accountId, int spreadSeconds, int offsetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(offsetSeconds), WakeUpOffset.For(accountId, TimeSpan.FromSeconds(spreadSeconds)));

    [Theory]
    [MemberData(nameof(Pinned))]
    public void The_silo_wakes_a_known_account_at_the_same_offset(string accountId, int spreadSeconds, int offsetSeconds)
    {
        var spread = TimeSpan.FromSeconds(spreadSeconds);

        Assert.Equal(TimeSpan.FromSeconds(offsetSeconds), SiloJitter(accountId, spread));
    }

    [Fact]
    public void The_silo_and_the_load_tool_agree_on_a_whole_run_of_account_ids_and_on_no_spread()
    {
        foreach (var spread in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120.5), TimeSpan.FromMinutes(10) })
        {
            foreach (var index in Enumerable.Range(1, 500))
            {
                var accountId = $"storm-20261203-170000-steady-{index:000000}";
                Assert.Equal(SiloJitter(accountId, spread), WakeUpOffset.For(accountId, spread));
            }
        }
    }

    [Fact]
    public void Offsets_fill_the_spread_evenly_enough_for_a_steady_rate()
    {
        var spread = TimeSpan.FromSeconds(60);
        var perSecond = Enumerable.Range(1, 60_000)
            .Select(index => WakeUpOffset.For($"storm-20261203-170000-steady-{index:000000}", spread).TotalSeconds)
            .GroupBy(second => second).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(60, perSecond.Count);
        Assert.All(perSecond.Values, count => Assert.InRange(count, 800, 1_200));
    }

    private static readonly Lazy<MethodInfo> SiloFor = new(() =>
    {
        var path = RepositoryLayout.FromBuild().ServiceAssembly("Silo");
        Assert.True(File.Exists(path), $"the silo's build is missing: {path} (the load tool's build builds it)");
        // A context of its own: the silo's assembly is looked at, not run, and none of its dependencies is loaded for this.
        var silo = new AssemblyLoadContext("silo-wake-up-jitter", isCollectible: true).LoadFromAssemblyPath(path);
        var type = silo.GetType("ArScale.Silo.Accounts.WakeUpJitter", throwOnError: true)!;
        return type.GetMethod("For", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(TimeSpan)])
            ?? throw new InvalidOperationException("WakeUpJitter.For(string, TimeSpan) is gone from the silo: update Scenarios/Steady/WakeUpOffset.cs and this test");
    });

    private static TimeSpan SiloJitter(string accountId, TimeSpan spread) => (TimeSpan)SiloFor.Value.Invoke(null, [accountId, spread])!;
}
