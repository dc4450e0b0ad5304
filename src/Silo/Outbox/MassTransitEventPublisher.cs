using ArScale.Messaging;
using MassTransit;

namespace ArScale.Silo.Outbox;

/// <summary>
/// Publishes through MassTransit with publisher confirms, on the bus itself (grains live outside any DI scope). The MessageId is derived from the event id, so a
/// republished event (a retried outbox, a reminder that fired twice) is recognisably the same message. The token is the
/// grain's publish deadline (<see cref="Accounts.DunningOptions.PublishTimeout"/>); the grain stops waiting at it even
/// if the transport does not.
/// </summary>
public sealed class MassTransitEventPublisher(IBus bus) : IEventPublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var (payload, type) = message.Materialize();
        var messageId = DeterministicGuid.From(message.EventId);
        return bus.Publish(payload, type, context => context.MessageId = messageId, cancellationToken);
    }
}
