using ArScale.Messaging.Redelivery;
using MassTransit;

namespace ArScale.Silo.Notices;

/// <summary>
/// A silo restarting, an account moving between silos or the database away are passing: the outcome is retried in
/// rounds until the redelivery deadline (<see cref="Redelivery"/>), so a contact is never left out of the history.
/// </summary>
public sealed class NoticeOutcomeConsumerDefinition : ConsumerDefinition<NoticeOutcomeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<NoticeOutcomeConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseRedeliveryRounds(context);
}

/// <summary>The account answered and refused the outcome: retrying cannot change the answer.</summary>
public sealed class NoticeOutcomeRejectedException(string message) : MessageRefusedException(message);
