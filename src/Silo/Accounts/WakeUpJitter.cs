using System.Text;

namespace ArScale.Silo.Accounts;

/// <summary>A stable per-account offset inside the wake-up spread (FNV-1a: string.GetHashCode changes per process).</summary>
public static class WakeUpJitter
{
    public static TimeSpan For(string accountId, TimeSpan spread)
    {
        if (spread <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(accountId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return TimeSpan.FromSeconds(hash % (uint)Math.Max(1, spread.TotalSeconds));
    }
}
