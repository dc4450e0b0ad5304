namespace ArScale.Silo.Tests.Accounts;

/// <summary>
/// A clock whose date the test moves, while timers and stopwatches keep real time. A <c>FakeTimeProvider</c> also
/// fires every timer it owns as it is advanced, and Orleans keeps some on a 100 ms period (the thread-pool stall
/// detector): advancing it through months costs minutes of callbacks for housekeeping no test needs.
/// </summary>
public sealed class SimulatedCalendar(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}
