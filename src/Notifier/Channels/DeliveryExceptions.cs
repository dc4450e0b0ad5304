namespace ArScale.Notifier.Channels;

/// <summary>The provider refused the message for good (an SMTP 5xx, an HTTP 4xx): retrying would be refused again.</summary>
public sealed class DeliveryRejectedException(string reply, Exception? innerException = null) : Exception(reply, innerException)
{
    public string Reply { get; } = reply;
}

/// <summary>The provider could not take the message now (down, a 4xx SMTP reply, a timeout, HTTP 429 or 5xx); a later attempt may succeed.</summary>
public sealed class DeliveryDeferredException(string reason, Exception? innerException = null) : Exception(reason, innerException);
