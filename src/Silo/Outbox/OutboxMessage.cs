using System.Text.Json;
using ArScale.Contracts.Events;

namespace ArScale.Silo.Outbox;

/// <summary>
/// An event the account owes the bus, stored in the account's own state in the same write as the change
/// that caused it (MassTransit's outbox cannot share a transaction with grain storage).
/// </summary>
public sealed record OutboxMessage(string EventId, string MessageType, string Payload)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage For<TEvent>(TEvent message)
        where TEvent : class, IAccountEvent =>
        new(message.EventId, typeof(TEvent).FullName!, JsonSerializer.Serialize(message, Json));

    public (object Message, Type Type) Materialize()
    {
        var type = typeof(IAccountEvent).Assembly.GetType(MessageType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(Payload, type, Json)!, type);
    }
}
