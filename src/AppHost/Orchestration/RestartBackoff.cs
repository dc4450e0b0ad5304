namespace ArScale.AppHost.Orchestration;

/// <summary>
/// How long to wait before starting a crashed service again: 1 s, then doubling to at most 30 s while it keeps
/// crashing soon after each start; back to 1 s once a run has lasted <see cref="StableAfter"/>. A service that
/// cannot start (a bad setting, a dependency down) then costs a retry every 30 s, not a busy loop.
/// </summary>
public sealed class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    private TimeSpan next = First;

    /// <summary>The delay before the next start, given how long the run that just ended lasted.</summary>
    public TimeSpan After(TimeSpan uptime)
    {
        if (uptime >= StableAfter)
        {
            next = First;
        }

        var delay = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, Longest.Ticks));
        return delay;
    }
}
