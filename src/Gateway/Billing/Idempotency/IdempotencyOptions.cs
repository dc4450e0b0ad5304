namespace ArScale.Gateway.Billing.Idempotency;

/// <summary>The <c>ArScale:Gateway:Idempotency</c> section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "ArScale:Gateway:Idempotency";

    /// <summary>How long a key's answer is kept for replays; after it the key may be used again. Clients retry within hours, not days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim whose request has not answered within this long was left by a Gateway that died mid-request: another
    /// request with the key may take it over. Longer than any batch takes (seconds), so a live request is never doubled.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each Gateway deletes keys past <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
