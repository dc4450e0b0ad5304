using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>
/// Every notice queue works the same way: a bounded number in flight per process, and failures retried with
/// exponential backoff — a provider that is down, but also the database or the silo cluster briefly away —
/// except a notice that can never be sent or whose budget is spent: those go to the error queue at once.
/// </summary>
public sealed class NoticeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly RetryOptions retry;

    public NoticeConsumerDefinition(IOptions<NotifierOptions> options)
    {
        retry = options.Value.Retry;
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(configure =>
        {
            configure.Ignore<InvalidNoticeException>();
            configure.Ignore<NoticeDeliveryFailedException>();
            configure.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
        });
}
