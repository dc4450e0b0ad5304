using MassTransit;

namespace ArScale.Silo.Notices;

/// <summary>A silo restarting or an account moving between silos is brief: retry before giving up to the error queue.</summary>
public sealed class NoticeOutcomeConsumerDefinition : ConsumerDefinition<NoticeOutcomeConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<NoticeOutcomeConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<NoticeOutcomeRejectedException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
}

/// <summary>The account answered and refused the outcome: retrying cannot change the answer.</summary>
public sealed class NoticeOutcomeRejectedException(string message) : Exception(message);
