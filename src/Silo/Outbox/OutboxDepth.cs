namespace ArScale.Silo.Outbox;

/// <summary>
/// How many events this silo's activated accounts have stored in their outboxes that the broker has not confirmed
/// yet. Each account tells it how its own outbox moved, after a write or a flush it does anyway: one interlocked
/// add, no I/O, nothing on the path of an account whose outbox did not change.
/// </summary>
public sealed class OutboxDepth
{
    private long depth;

    public long Current => Interlocked.Read(ref depth);

    /// <summary>Moves the total by an account's change from <paramref name="counted"/> to <paramref name="now"/>; returns what the account should remember as counted.</summary>
    public int Track(int counted, int now)
    {
        if (now != counted)
        {
            Interlocked.Add(ref depth, now - counted);
        }

        return now;
    }
}
