using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>Tells the account's collector (or the manager, when none is assigned) what to do and by when.</summary>
public sealed class CollectorTaskCreatedConsumer(NoticeDelivery delivery, IOptions<NotifierOptions> options) : IConsumer<CollectorTaskCreated>
{
    public Task Consume(ConsumeContext<CollectorTaskCreated> context) =>
        delivery.DeliverAsync(NoticeModels.From(context.Message, options.Value.Staff, options.Value.Lender), context);
}
