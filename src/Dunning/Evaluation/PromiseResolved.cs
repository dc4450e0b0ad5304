namespace ArScale.Dunning;

public sealed record PromiseResolved(string PromiseId, PromiseStatus Status, Money Received, DateOnly Deadline);
