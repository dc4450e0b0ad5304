namespace ArScale.Dunning;

/// <summary>An operator stops every stage of the account (no notice, fee or escalation) until dunning is resumed.</summary>
/// <param name="By">Who paused: the console user or the API client, as the Gateway authenticated them.</param>
public sealed record PauseDunning(string CommandId, string Reason, string By) : AccountCommand(CommandId);

/// <summary>Lifts an operator's pause; stages that came due meanwhile are caught up once, the latest only.</summary>
public sealed record ResumeDunning(string CommandId, string By, string? Reason = null) : AccountCommand(CommandId);
