using ArScale.Notifier.Hosting;
using ArScale.Notifier.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>
/// Resumes parked notices: every poll it claims the due ones, oldest first, and delivers them as many at a time as a
/// queue's consumer would. The first one the channel still refuses stops the round: the notices not tried yet are
/// given back uncounted, due again with the one that failed, so an outage of hours costs a probe per backoff step,
/// not an attempt per notice. Every Notifier runs one; the claim keeps them off each other's notices.
/// </summary>
public sealed partial class NoticeRetryPump(
    NoticeLog log,
    NoticeDelivery delivery,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<NoticeRetryPump> logger) : BackgroundService
{
    private readonly NotifierOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var resumed = 0;
            try
            {
                resumed = await ResumeDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database away, most likely: the claimed rows come back when their lease ends.
                LogRoundFailed(exception);
            }

            // A full round means more are due: go on at once.
            if (resumed < settings.ConcurrentMessageLimit)
            {
                try
                {
                    await Task.Delay(settings.Retry.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round; returns how many notices it claimed.</summary>
    public async Task<int> ResumeDueAsync(CancellationToken cancellationToken)
    {
        var due = await log.ClaimDueAsync(delivery.Worker, settings.ClaimLease, settings.Retry.Deadline, settings.ConcurrentMessageLimit, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        LogResuming(due.Count);
        var channelDown = 0;
        var untried = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.ConcurrentMessageLimit, CancellationToken = cancellationToken }, async (parked, token) =>
        {
            if (Volatile.Read(ref channelDown) == 1)
            {
                untried.Add(parked.NoticeId);
                return;
            }

            try
            {
                var notice = NoticeSources.Rebuild(parked.PayloadType, parked.Payload, settings);
                if (await delivery.ResumeAsync(notice, parked.Claim, token) is DeliveryResult.Parked)
                {
                    Interlocked.Exchange(ref channelDown, 1);
                }
            }
            catch (InvalidNoticeException exception)
            {
                // Logged Failed with its reason by the delivery: nothing a retry could change.
                LogInvalid(parked.NoticeId, exception.Message);
            }
        });

        if (!untried.IsEmpty)
        {
            // Due again together with the notice that just failed, whose pause the delivery chose.
            var pause = settings.Retry.PauseAfter(due.Min(parked => parked.Claim.Attempt));
            await log.ReleaseAsync([.. untried], delivery.Worker, time.GetUtcNow() + pause, CancellationToken.None);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} parked notice(s)")]
    private partial void LogResuming(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retry round failed; its notices are resumed when their claims expire")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parked notice {NoticeId} cannot be sent: {Reason}")]
    private partial void LogInvalid(string noticeId, string reason);
}
