namespace ArScale.Messaging.Redelivery;

/// <summary>
/// The <c>ArScale:Redelivery</c> section: how a consumed message whose work failed for a passing reason (the silos
/// away, a timeout, the database down) is retried. A round of in-memory retries with exponential backoff holds the
/// delivery; when a round is over the message goes back to the tail of its queue for another, until
/// <see cref="Deadline"/> after it was first published, then to the error queue.
/// </summary>
public sealed class RedeliveryOptions
{
    public const string Section = "ArScale:Redelivery";

    /// <summary>How long after its first publication a message is still retried: outages of a weekend are survived.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Retries per round. With the intervals below a round takes about 4 minutes: it must stay well under the
    /// broker's consumer_timeout (30 min on RabbitMQ 3.10), past which the broker closes the channel of an
    /// unacknowledged delivery.
    /// </summary>
    public int RetriesPerRound { get; set; } = 8;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(1);
}
