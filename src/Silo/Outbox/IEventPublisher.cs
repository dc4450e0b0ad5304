namespace ArScale.Silo.Outbox;

/// <summary>Puts outbox messages on the bus; returns only once the broker has confirmed them.</summary>
public interface IEventPublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}
