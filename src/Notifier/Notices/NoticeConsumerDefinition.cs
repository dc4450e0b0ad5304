using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>
/// Every notice queue works the same way: a bounded number in flight per process. A channel that cannot take a notice
/// is not a consumer failure (the notice is parked in the log and the message acknowledged); what is retried here is
/// the log itself being away (PostgreSQL restarting, out of connections), for a few minutes, well inside the broker's
/// consumer timeout, before the message goes to the error queue. A notice that can never be sent goes there at once.
/// </summary>
public sealed class NoticeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public NoticeConsumerDefinition(IOptions<NotifierOptions> options) => ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(configure =>
        {
            configure.Ignore<InvalidNoticeException>();
            configure.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        });
}
