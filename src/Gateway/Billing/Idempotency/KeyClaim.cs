namespace ArScale.Gateway.Billing.Idempotency;

/// <summary>What claiming an <c>Idempotency-Key</c> found.</summary>
public abstract record KeyClaim
{
    private KeyClaim()
    {
    }

    /// <summary>This request holds the key: execute, then complete or release it.</summary>
    public sealed record Ours : KeyClaim;

    /// <summary>Another request with this key is executing now.</summary>
    public sealed record InFlight : KeyClaim;

    /// <summary>The key was used for a different body.</summary>
    public sealed record OtherBody : KeyClaim;

    /// <summary>The key's request has answered; this is the answer.</summary>
    public sealed record Answered(int StatusCode, string Json) : KeyClaim;
}
