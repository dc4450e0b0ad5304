namespace ArScale.Silo.Accounts;

/// <summary>How the account grains pace their work (bound from <c>ArScale:Dunning</c>).</summary>
public sealed class DunningOptions
{
    /// <summary>
    /// Reminders have no back-pressure: 100,000 accounts due at 09:00 would all wake at once. Each account
    /// wakes at a fixed offset inside this spread, derived from its id, so the same account always wakes
    /// at the same moment and the storm is smeared over the spread.
    /// </summary>
    public TimeSpan WakeUpSpread { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How soon a failed publish is retried (the reminder doubles as the retry net).</summary>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one flush of the outbox may wait for the broker. A broker that hangs (stopped, wedged, a full disk
    /// blocking publishers) would otherwise hold the account's grain, and every call queued behind it, for as long as
    /// it hangs. What is not confirmed in time stays in the outbox and goes out on the next tick.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The reminder's period: if a tick is lost or its work fails, the next one comes this much later.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reminder work (evaluate, write, publish) a silo runs at once; the rest waits its turn. Sized by Little's law: a
    /// tick spends most of its time waiting for batched statements and the broker's confirm (about 0.1 s in a storm on
    /// this machine), so 2,000 ticks a second need about 200 in flight. 64 capped a 20,000-account storm at 443 e-mails/s
    /// with the CPU half spent (load/results/storm-steps.md, s6); with 256 the batches fill and the same storm ran at 610/s.
    /// </summary>
    public int MaxConcurrentReminderWork { get; set; } = 256;

    /// <summary>
    /// How long an account stays in memory after its last call. An account is touched a few times a month (an
    /// invoice, a payment, a reminder firing), so a silo keeps millions of accounts in storage and only the recently
    /// busy ones in memory; Orleans' own default (15 min) would hold a whole reminder storm's accounts resident.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(3);

    public string PolicyDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "policies");
}
