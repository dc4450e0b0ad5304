namespace ArScale.Notifier.Notices;

/// <summary>The notice can never be sent as it is (no recipient, unknown template, bad address, no id): straight to the error queue.</summary>
public sealed class InvalidNoticeException(string reason) : Exception(reason);
