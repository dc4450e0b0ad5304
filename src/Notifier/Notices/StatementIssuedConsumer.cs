using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>A monthly-settlement customer's reconciliation statement, to confirm or dispute.</summary>
public sealed class StatementIssuedConsumer(NoticeDelivery delivery, IOptions<NotifierOptions> options) : IConsumer<StatementIssued>
{
    public Task Consume(ConsumeContext<StatementIssued> context) =>
        delivery.DeliverAsync(NoticeModels.From(context.Message, options.Value.Lender), context);
}
