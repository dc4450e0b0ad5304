namespace ArScale.Dunning;

/// <summary>The answer to a command. Validation failures are results, not exceptions.</summary>
public abstract record CommandResult(string CommandId)
{
    public bool ChangedState => this is Accepted;

    /// <summary>The command changed the account.</summary>
    public sealed record Accepted(string CommandId) : CommandResult(CommandId);

    /// <summary>The same command (or the same entity with the same content) was already applied; nothing changed.</summary>
    public sealed record Duplicate(string CommandId) : CommandResult(CommandId);

    /// <summary>Bad input; <see cref="Field"/> names what is wrong. Nothing changed.</summary>
    public sealed record Rejected(string CommandId, string Field, string Message) : CommandResult(CommandId);

    /// <summary>The id was already used for different content. Nothing changed.</summary>
    public sealed record Conflict(string CommandId, string Message) : CommandResult(CommandId);
}
