using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using ArScale.Messaging.Redelivery;
using MassTransit;
using Microsoft.Extensions.Logging;
using ContactOutcome = ArScale.Dunning.NoticeOutcome;
using NoticeOutcome = ArScale.Contracts.Events.NoticeOutcome;

namespace ArScale.Silo.Notices;

/// <summary>
/// Records what became of a notice in the account's contact history. The outcome's event id is the command
/// id, so an outcome the Notifier publishes again (a redelivered notice) is recorded once.
/// </summary>
public sealed partial class NoticeOutcomeConsumer(IGrainFactory grains, Redelivery redelivery, ILogger<NoticeOutcomeConsumer> logger) : IConsumer<NoticeOutcome>
{
    public Task Consume(ConsumeContext<NoticeOutcome> context) => redelivery.ApplyAsync(context, () => RecordAsync(context.Message));

    private async Task RecordAsync(NoticeOutcome outcome)
    {
        if (!Enum.TryParse<Channel>(outcome.Channel, ignoreCase: true, out var channel))
        {
            throw new NoticeOutcomeRejectedException($"Notice outcome {outcome.EventId} names an unknown channel '{outcome.Channel}'.");
        }

        var command = new RecordNoticeOutcome(
            outcome.EventId, outcome.NoticeId, channel,
            outcome.Status switch
            {
                NoticeOutcomeStatus.Sent => ContactOutcome.Sent,
                NoticeOutcomeStatus.Suppressed => ContactOutcome.Suppressed,
                NoticeOutcomeStatus.Rejected => ContactOutcome.Bounced,
                _ => ContactOutcome.Failed,
            },
            outcome.OccurredAt, outcome.Detail);
        var result = await grains.GetGrain<IAccountGrain>(outcome.AccountId).Execute(command);
        if (result is CommandResult.Rejected or CommandResult.Conflict)
        {
            // The message goes to the error queue with the account's answer.
            throw new NoticeOutcomeRejectedException($"Account {outcome.AccountId} did not record outcome {outcome.EventId}: {result}");
        }

        LogRecorded(outcome.NoticeId, outcome.Status);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded outcome {Status} of notice {NoticeId}")]
    private partial void LogRecorded(string noticeId, NoticeOutcomeStatus status);
}
