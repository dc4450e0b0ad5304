using System.Reflection;
using System.Runtime.CompilerServices;
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
/// <remarks>
/// In the load profile's collection, so never beside a scenario: while the silo's assembly is loaded in this process,
/// an Orleans client built here would take it for one of its application parts (and fail on the silo's dependencies).
/// It is loaded into a collectible context and unloaded before the test ends.
/// </remarks>
[Collection(LoadProfileCollection.Name)]
public sealed class WakeUpOffsetTests
{
    /// <summary>FNV-1a (32 bit) of the id's UTF-8 bytes, modulo the spread's whole seconds; worked out by hand once.</summary>
    private static readonly (string AccountId, int SpreadSeconds, int OffsetSeconds)[] PinnedCases =
    [
        ("acc-1", 600, 412),
        ("acc-1", 120, 52),
        ("storm-20261203-170000-steady-000001", 600, 183),
        ("storm-20261203-170000-steady-000001", 120, 63),
        ("storm-20261203-170000-steady-120000", 600, 159),
        ("storm-20261203-170000-steady-120000", 86_400, 10_359),
        ("Müller-7", 600, 260),
        ("", 600, 61),
    ];

    public static TheoryData<string, int, int> Pinned
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (var (accountId, spread, offset) in PinnedCases)
            {
                data.Add(accountId, spread, offset);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Pinned))]
    public void The_offset_of_a_known_account_is_pinned(string accountId, int spreadSeconds, int offsetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(offsetSeconds), WakeUpOffset.For(accountId, TimeSpan.FromSeconds(spreadSeconds)));

    [Fact]
    public void The_silo_wakes_the_known_accounts_at_the_pinned_offsets_and_agrees_with_the_load_tool_on_a_whole_run()
    {
        var pinned = PinnedCases.Select(entry => (entry.AccountId, TimeSpan.FromSeconds(entry.SpreadSeconds))).ToList();
        var run = new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120.5), TimeSpan.FromMinutes(10) }
            .SelectMany(spread => Enumerable.Range(1, 500).Select(index => (AccountId: $"storm-20261203-170000-steady-{index:000000}", Spread: spread)))
            .ToList();

        var silo = SiloJitter([.. pinned, .. run]);

        Assert.Equal(PinnedCases.Select(entry => TimeSpan.FromSeconds(entry.OffsetSeconds)), silo.Take(pinned.Count));
        Assert.Equal(run.Select(entry => WakeUpOffset.For(entry.AccountId, entry.Spread)), silo.Skip(pinned.Count));
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

    /// <summary>The silo's <c>WakeUpJitter.For</c> of each case, from its build; the assembly is unloaded again before this returns.</summary>
    private static List<TimeSpan> SiloJitter(IReadOnlyList<(string AccountId, TimeSpan Spread)> cases)
    {
        var context = Evaluate(cases, out var offsets);
        for (var attempt = 0; context.IsAlive && attempt < 20; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "the silo's assembly could not be unloaded from the test process");
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), assembly => assembly.GetName().Name == "ArScale.Silo");
        return offsets;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Evaluate(IReadOnlyList<(string AccountId, TimeSpan Spread)> cases, out List<TimeSpan> offsets)
    {
        var path = RepositoryLayout.FromBuild().ServiceAssembly("Silo");
        Assert.True(File.Exists(path), $"the silo's build is missing: {path} (the load tool's build builds it)");
        var context = new AssemblyLoadContext("silo-wake-up-jitter", isCollectible: true);
        try
        {
            // Only WakeUpJitter is touched: it needs nothing beyond the runtime, so none of the silo's dependencies loads.
            var type = context.LoadFromAssemblyPath(path).GetType("ArScale.Silo.Accounts.WakeUpJitter", throwOnError: true)!;
            var method = type.GetMethod("For", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(TimeSpan)])
                ?? throw new InvalidOperationException("WakeUpJitter.For(string, TimeSpan) is gone from the silo: update Scenarios/Steady/WakeUpOffset.cs and this test");
            offsets = [.. cases.Select(entry => (TimeSpan)method.Invoke(null, [entry.AccountId, entry.Spread])!)];
        }
        finally
        {
            context.Unload();
        }

        return new WeakReference(context);
    }
}
