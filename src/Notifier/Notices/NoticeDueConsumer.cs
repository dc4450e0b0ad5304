using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>A dunning notice to the customer, on the channel the policy chose.</summary>
public sealed class NoticeDueConsumer(NoticeDelivery delivery, IOptions<NotifierOptions> options) : IConsumer<NoticeDue>
{
    public Task Consume(ConsumeContext<NoticeDue> context) =>
        delivery.DeliverAsync(NoticeModels.From(context.Message, options.Value.Lender), context);
}
