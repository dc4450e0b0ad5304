using System.Text.Json;
using System.Text.Json.Serialization;
using ArScale.Contracts.Events;

namespace ArScale.Silo.Outbox;

/// <summary>
/// An event the account owes the bus, stored in the account's own state in the same write as the change
/// that caused it (MassTransit's outbox cannot share a transaction with grain storage).
/// </summary>
public sealed record OutboxMessage(string EventId, string MessageType, string Payload)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The event this message was made from, while the activation that made it still holds it: publishing it then needs
    /// no second reading of <see cref="Payload"/>, which a storm would pay for on every notice. Never stored; a message
    /// read from storage is rebuilt from its payload.
    /// </summary>
    [JsonIgnore]
    private object? Made { get; init; }

    public static OutboxMessage For<TEvent>(TEvent message)
        where TEvent : class, IAccountEvent =>
        new(message.EventId, typeof(TEvent).FullName!, JsonSerializer.Serialize(message, Json)) { Made = message };

    public (object Message, Type Type) Materialize()
    {
        if (Made is { } made)
        {
            return (made, made.GetType());
        }

        var type = typeof(IAccountEvent).Assembly.GetType(MessageType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(Payload, type, Json)!, type);
    }

    // The event in memory is a cache of the payload, not part of the message: two messages are equal by what is stored.
    public bool Equals(OutboxMessage? other) =>
        other is not null && EventId == other.EventId && MessageType == other.MessageType && Payload == other.Payload;

    public override int GetHashCode() => HashCode.Combine(EventId, MessageType, Payload);
}
