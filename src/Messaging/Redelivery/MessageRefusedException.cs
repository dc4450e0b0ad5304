namespace ArScale.Messaging.Redelivery;

/// <summary>
/// The message itself was refused (a bad amount, an unknown account, a row PostgreSQL cannot hold): retrying cannot
/// change the answer, so it goes to the error queue at once with this reason. Anything else is a passing failure.
/// </summary>
public class MessageRefusedException(string reason, Exception? inner = null) : Exception(reason, inner);
