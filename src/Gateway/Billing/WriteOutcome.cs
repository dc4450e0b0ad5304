using System.Text.Json.Serialization;
using ArScale.Dunning;

namespace ArScale.Gateway.Billing;

/// <summary>What became of one write: the account grain's answer in the API's words.</summary>
public sealed record WriteOutcome(
    WriteStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    public bool Succeeded => Status is WriteStatus.Accepted or WriteStatus.Duplicate;

    public static WriteOutcome From(CommandResult result, string accountId) => result switch
    {
        CommandResult.Accepted => new(WriteStatus.Accepted),
        CommandResult.Duplicate => new(WriteStatus.Duplicate),
        CommandResult.Conflict conflict => new(WriteStatus.Conflict, null, conflict.Message),
        CommandResult.Rejected { Field: "profile" } => new(WriteStatus.UnknownAccount, "accountId", $"account '{accountId}' is unknown; upsert it first"),
        CommandResult.Rejected rejected => new(WriteStatus.Rejected, rejected.Field, rejected.Message),
        _ => new(WriteStatus.Rejected, null, result.ToString()),
    };
}

/// <summary>Written in kebab case on the wire (<c>unknown-account</c>) by <see cref="JsonBody.Options"/>.</summary>
public enum WriteStatus
{
    /// <summary>Stored durably by the account.</summary>
    Accepted,

    /// <summary>Already stored earlier with the same content: a replay, nothing changed.</summary>
    Duplicate,

    Rejected,

    Conflict,

    UnknownAccount,
}
