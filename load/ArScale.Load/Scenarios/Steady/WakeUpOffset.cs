using System.Text;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// The silo's per-account wake-up offset inside <c>ArScale:Dunning:WakeUpSpread</c>, computed the same way as
/// <c>src/Silo/Accounts/WakeUpJitter.cs</c> (<c>ArScale.Silo.Accounts.WakeUpJitter.For</c>): FNV-1a (32 bit) over the
/// account id's UTF-8 bytes, modulo the spread in whole seconds. The load tool does not reference the silo's
/// assembly (it runs the silo as a process), so the formula is written again here; <c>tests/Load.Tests</c> pins known
/// account ids to their offsets and checks them against the silo's own class, so the two cannot drift apart silently.
/// </summary>
public static class WakeUpOffset
{
    private const uint OffsetBasis = 2166136261u;
    private const uint Prime = 16777619u;

    /// <summary>How long after its reminder's due time (the account's next action) the silo wakes this account.</summary>
    public static TimeSpan For(string accountId, TimeSpan spread)
    {
        if (spread <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = OffsetBasis;
        foreach (var octet in Encoding.UTF8.GetBytes(accountId))
        {
            hash = (hash ^ octet) * Prime;
        }

        // As the silo: the spread's whole seconds (a fraction is cut off), at least one.
        return TimeSpan.FromSeconds(hash % (uint)Math.Max(1, spread.TotalSeconds));
    }
}
