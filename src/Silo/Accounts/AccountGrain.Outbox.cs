using ArScale.Silo.Outbox;

namespace ArScale.Silo.Accounts;

/// <summary>
/// Publishing the events the account owes, in order, each removed once the broker confirmed it. What is left (the
/// broker refused, or did not answer within <see cref="DunningOptions.PublishTimeout"/>) stays in the stored outbox,
/// and the reminder comes back within <see cref="DunningOptions.OutboxRetryDelay"/> to try again.
/// </summary>
public sealed partial class AccountGrain
{
    private async Task FlushOutboxAsync(CancellationToken cancellationToken)
    {
        var outbox = state.State.Outbox;
        var confirmed = 0;
        var timeout = options.Value.PublishTimeout;

        // Real time, not the injected clock: this bounds a wait on the network, not a business date.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            foreach (var message in outbox)
            {
                await PublishBeforeAsync(message, deadline.Token);
                confirmed++;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogPublishTimedOut(timeout, outbox.Count - confirmed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(exception, outbox.Count - confirmed);
        }
        finally
        {
            if (confirmed > 0)
            {
                outbox.RemoveRange(0, confirmed);
                outboxTrimmedSinceWrite = true;
                outboxCounted = outboxDepth.Track(outboxCounted, Math.Min(outboxCounted, outbox.Count));
            }
        }
    }

    /// <summary>
    /// The publisher gets the deadline's token, and the wait is abandoned at the deadline even if it ignores it. A
    /// publish abandoned that way may still reach the broker: the retry then republishes it under the same MessageId,
    /// and every consumer deduplicates by event id.
    /// </summary>
    private Task PublishBeforeAsync(OutboxMessage message, CancellationToken deadline) =>
        publisher.PublishAsync(message, deadline).WaitAsync(deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing failed; {Pending} event(s) stay in the outbox and are retried")]
    private partial void LogPublishFailed(Exception exception, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker did not confirm within {Timeout}; {Pending} event(s) stay in the outbox and are retried")]
    private partial void LogPublishTimedOut(TimeSpan timeout, int pending);
}
