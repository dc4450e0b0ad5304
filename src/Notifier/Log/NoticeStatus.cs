namespace ArScale.Notifier.Log;

/// <summary>Where a notice stands. Sent, Suppressed, Failed and Rejected are final: nothing sends the notice again.</summary>
public enum NoticeStatus
{
    Sending,
    Retrying,
    Sent,
    Suppressed,
    Failed,
    Rejected,
}

/// <summary>What claiming a notice found.</summary>
public abstract record Claim
{
    private Claim()
    {
    }

    /// <summary>This worker may send; <see cref="Attempt"/> counts every try so far, this one included.</summary>
    public sealed record Granted(int Attempt) : Claim;

    /// <summary>The notice already has its final outcome: a redelivery, acknowledged without sending.</summary>
    public sealed record AlreadyFinal(NoticeStatus Status, int Attempts, string? Detail) : Claim;

    /// <summary>Another worker holds the notice right now, until <see cref="Until"/> at the latest (its lease).</summary>
    public sealed record HeldElsewhere(string? Worker, DateTimeOffset? Until) : Claim;
}
