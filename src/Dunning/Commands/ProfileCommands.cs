namespace ArScale.Dunning;

public sealed record UpsertProfile(string CommandId, AccountProfile Profile) : AccountCommand(CommandId);

public sealed record AssignCollector(string CommandId, string CollectorId) : AccountCommand(CommandId);
