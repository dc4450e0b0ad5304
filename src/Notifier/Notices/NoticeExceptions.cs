namespace ArScale.Notifier.Notices;

/// <summary>The notice can never be sent as it is (no recipient, unknown template, bad address, no id): straight to the error queue.</summary>
public sealed class InvalidNoticeException(string reason) : Exception(reason);

/// <summary>The retry budget is spent; the message goes to the error queue with this reason and the notice is logged Failed.</summary>
public sealed class NoticeDeliveryFailedException(string reason, Exception innerException) : Exception(reason, innerException);
