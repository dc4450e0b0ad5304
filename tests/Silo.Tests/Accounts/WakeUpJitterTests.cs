using ArScale.Silo.Accounts;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>
/// Where inside the wake-up spread each account wakes. The load tool's steady scenario computes the same offsets
/// itself to measure each notice from its own due instant (load/ArScale.Load/Scenarios/Steady/WakeUpOffset.cs): the
/// table below is the same as in its tests (tests/Load.Tests/Steady/WakeUpOffsetTests.cs), so a change of the
/// function here fails here, and must be made there too.
/// </summary>
public sealed class WakeUpJitterTests
{
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
    public void A_known_account_wakes_at_its_pinned_offset(string accountId, int spreadSeconds, int offsetSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(offsetSeconds), WakeUpJitter.For(accountId, TimeSpan.FromSeconds(spreadSeconds)));

    [Fact]
    public void Without_a_spread_every_account_wakes_on_time() =>
        Assert.Equal(TimeSpan.Zero, WakeUpJitter.For("acc-1", TimeSpan.Zero));
}
