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

    /// <summary>
    /// This worker may send; <see cref="Attempt"/> counts every try so far, this one included. A transient failure
    /// after <see cref="RetryUntil"/> makes the notice Failed instead of parking it again. <see cref="AccountVersion"/> is
    /// the account's version as storage held it when the claim committed (<c>account_state.account_version</c>), null
    /// when unknown (no row, an older row, a log without the account store).
    /// </summary>
    public sealed record Granted(int Attempt, DateTimeOffset RetryUntil, long? AccountVersion = null) : Claim;

    /// <summary>The notice already has its final outcome: a redelivery, acknowledged without sending.</summary>
    /// <remarks><see cref="CompletedAt"/> is the outcome's own time, so an outcome published again is the same event.</remarks>
    public sealed record AlreadyFinal(NoticeStatus Status, int Attempts, string? Detail, DateTimeOffset CompletedAt) : Claim;

    /// <summary>Another worker holds the notice right now, until <see cref="Until"/> at the latest (its lease).</summary>
    public sealed record HeldElsewhere(string? Worker, DateTimeOffset? Until) : Claim;
}
