using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ArScale.Messaging.Redelivery;

/// <summary>
/// Keeps a consumed message alive through an outage. RabbitMQ here has no delayed-message plugin, so MassTransit's
/// delayed redelivery is not available, and an in-memory retry may not hold a delivery past the broker's
/// consumer_timeout. So: on the last try of a retry round (<see cref="RedeliveryRetry"/>) a passing failure sends
/// the message back to the tail of its own queue (durably, before the delivery is acknowledged) for another round,
/// carrying the time it was first published; once the deadline has passed the failure is thrown and the message
/// goes to the error queue with it. A refused message (<see cref="MessageRefusedException"/>) is never retried.
/// </summary>
public sealed class Redelivery(IOptions<RedeliveryOptions> options, TimeProvider time)
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
        catch (Exception exception) when (LastTryOfRound(context, exception))
        {
            var firstSent = FirstSent(context);
            if (time.GetUtcNow() - firstSent > options.Value.Deadline)
            {
                throw;
            }

            await SendBackAsync(context, context.Message, context.CorrelationId, firstSent);
        }
    }

    /// <summary>The same for a batch: each of its messages goes back to the queue, each with its own first publication.</summary>
    public async Task ApplyAsync<TMessage>(ConsumeContext<Batch<TMessage>> context, Func<Task> apply)
        where TMessage : class
    {
        try
        {
            await apply();
        }
        catch (Exception exception) when (LastTryOfRound(context, exception))
        {
            // One message past its deadline sends the whole batch to the error queue with the failure: sending the
            // others back and acknowledging the batch would drop that one without a trace.
            var now = time.GetUtcNow();
            if (context.Message.Any(message => now - FirstSent(message) > options.Value.Deadline))
            {
                throw;
            }

            foreach (var message in context.Message)
            {
                await SendBackAsync(context, message.Message, message.CorrelationId, FirstSent(message));
            }
        }
    }

    private bool LastTryOfRound(ConsumeContext context, Exception exception) =>
        !RedeliveryRetry.IsRefused(exception) && context.GetRetryAttempt() >= options.Value.RetriesPerRound;

    private static async Task SendBackAsync<TMessage>(ConsumeContext context, TMessage message, Guid? correlationId, DateTimeOffset firstSent)
        where TMessage : class
    {
        var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
        await queue.Send(message, send =>
        {
            send.Headers.Set(FirstSentHeader, firstSent.ToString("O", CultureInfo.InvariantCulture));
            send.CorrelationId = correlationId;
        });
    }

    private DateTimeOffset FirstSent(ConsumeContext context) =>
        context.Headers.Get<string>(FirstSentHeader) is { } header
            && DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var first)
            ? first
            : context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : time.GetUtcNow();
}
