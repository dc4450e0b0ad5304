using ArScale.Messaging.Redelivery;

namespace ArScale.Gateway.Ingest;

/// <summary>The account refused the message (bad amount, unknown account, an id reused for other content): it goes to the error queue with this reason.</summary>
public sealed class BillingMessageRejectedException(string reason) : MessageRefusedException(reason);
