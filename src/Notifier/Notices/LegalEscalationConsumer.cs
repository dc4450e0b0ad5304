using ArScale.Contracts.Events;
using ArScale.Notifier.Hosting;
using ArScale.Notifier.Log;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>
/// Hands a case to the legal team with its evidence. The account lists the contacts it recorded (refusals, bounces);
/// the notices that reached the customer are in the log, and the case counts both.
/// </summary>
public sealed class LegalEscalationConsumer(NoticeDelivery delivery, NoticeLog log, IOptions<NotifierOptions> options) : IConsumer<LegalEscalation>
{
    public async Task Consume(ConsumeContext<LegalEscalation> context)
    {
        var escalation = context.Message;
        var sent = await log.SentContactsAsync(escalation.AccountId, context.CancellationToken);
        var contacts = (escalation.ContactIds ?? []).Union(sent, StringComparer.Ordinal).ToList();
        await delivery.DeliverAsync(NoticeModels.From(escalation with { ContactIds = contacts }, options.Value.Staff, options.Value.Lender), context);
    }
}
