using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>Hands a case to the legal team with its evidence.</summary>
public sealed class LegalEscalationConsumer(NoticeDelivery delivery, IOptions<NotifierOptions> options) : IConsumer<LegalEscalation>
{
    public Task Consume(ConsumeContext<LegalEscalation> context) =>
        delivery.DeliverAsync(NoticeModels.From(context.Message, options.Value.Staff, options.Value.Lender), context);
}
