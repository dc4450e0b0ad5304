using System.Globalization;
using Microsoft.Extensions.Options;
using MassTransit;

namespace ArScale.Gateway.Ingest;

/// <summary>
/// Keeps a billing message alive through an outage. RabbitMQ here has no delayed-message plugin, so MassTransit's
/// delayed redelivery is not available, and an in-memory retry may not hold a delivery past the broker's
/// consumer_timeout. So: on the last try of a retry round a passing failure sends the message back to the tail of
/// its own queue (durably, before the delivery is acknowledged) for another round, carrying the time it was first
/// published; once the deadline has passed the failure is thrown and the message goes to the error queue with it.
/// A refused message (<see cref="BillingMessageRejectedException"/>) is never retried.
/// </summary>
public sealed class IngestRedelivery(IOptions<IngestRetryOptions> options, TimeProvider time)
{
    /// <summary>When the message was first published, kept across rounds (each round's copy has its own SentTime).</summary>
    public const string FirstSentHeader = "ArScale-First-Sent";

    public async Task ApplyAsync<TMessage>(ConsumeContext<TMessage> context, Func<Task> apply)
        where TMessage : class
    {
        try
        {
            await apply();
        }
        catch (Exception exception) when (exception is not BillingMessageRejectedException && context.GetRetryAttempt() >= options.Value.RetriesPerRound)
        {
            var firstSent = FirstSent(context);
            if (time.GetUtcNow() - firstSent > options.Value.Deadline)
            {
                throw;
            }

            var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
            await queue.Send(context.Message, send =>
            {
                send.Headers.Set(FirstSentHeader, firstSent.ToString("O", CultureInfo.InvariantCulture));
                send.CorrelationId = context.CorrelationId;
            });
        }
    }

    private DateTimeOffset FirstSent(ConsumeContext context) =>
        context.Headers.Get<string>(FirstSentHeader) is { } header
            && DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var first)
            ? first
            : context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : time.GetUtcNow();
}
