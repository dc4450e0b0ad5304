using System.Data.Common;
using System.Globalization;
using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Messaging;
using ArScale.Notifier.Channels;
using ArScale.Notifier.Hosting;
using ArScale.Notifier.Log;
using ArScale.Notifier.Templates;
using ArScale.ServiceDefaults.Privacy;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Notices;

/// <summary>
/// One notice, from message to outcome: claim it in the log (a notice already final is acknowledged, never
/// resent), check it can be sent at all, render, wait for the channel's rate limit, ask the account whether the
/// notice still holds, send, record the outcome and tell the account. A transient failure parks the notice in the
/// log with its message and acknowledges the message; the retry pump (<see cref="NoticeRetryPump"/>) resumes it
/// through <see cref="ResumeAsync"/> until the retry deadline, and only then is it Failed. A malformed notice goes
/// to the error queue.
/// </summary>
public sealed partial class NoticeDelivery(
    NoticeLog log,
    TemplateCatalog templates,
    NoticeChannels channels,
    ChannelRateLimits rateLimits,
    IGrainFactory grains,
    IBus bus,
    NoticeMetrics metrics,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<NoticeDelivery> logger)
{
    private readonly NotifierOptions settings = options.Value;

    /// <summary>Who holds a claim: unique per Notifier instance, so a restarted Notifier never mistakes an old claim for its own.</summary>
    public string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How often a copy of a notice another worker holds looks again: soon (the usual holder finishes in milliseconds), then less often.</summary>
    private static class HeldNoticePoll
    {
        public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
        public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);
    }

    /// <summary>A notice as the bus delivered it.</summary>
    public async Task DeliverAsync(OutgoingNotice notice, ConsumeContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (NoticeValidation.IdentityProblem(notice) is { } identityProblem)
        {
            LogUnloggable(identityProblem);
            throw new InvalidNoticeException(identityProblem);
        }

        var claim = await ClaimOnceHolderIsDoneAsync(notice, cancellationToken);
        if (claim is Claim.AlreadyFinal final)
        {
            LogDuplicate(notice.NoticeId, final.Status);
            // The outcome may not have reached the account the first time (a crash after the log write): say it again,
            // as the same event (its time is the log's), which the account recognises as a repeat.
            await PublishOutcomeAsync(context, notice, final.Status, final.Detail, final.Attempts, final.CompletedAt);
            return;
        }

        await SendClaimedAsync(notice, (Claim.Granted)claim, context, cancellationToken);
    }

    /// <summary>A parked notice the retry pump claimed: sent, parked again, or Failed once its deadline has passed.</summary>
    public Task<DeliveryResult> ResumeAsync(OutgoingNotice notice, Claim.Granted claim, CancellationToken cancellationToken) =>
        SendClaimedAsync(notice, claim, bus, cancellationToken);

    private async Task<DeliveryResult> SendClaimedAsync(OutgoingNotice notice, Claim.Granted claim, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        using var activity = NoticeMetrics.Activities.StartActivity("deliver notice");
        activity?.SetTag("arscale.notice.id", notice.NoticeId);
        activity?.SetTag("arscale.notice.channel", notice.Channel);
        var started = time.GetTimestamp();
        var attempt = claim.Attempt;
        if (NoticeValidation.ContentProblem(notice, templates) is { } contentProblem)
        {
            await FinishAsync(publisher, notice, NoticeStatus.Failed, contentProblem, null, attempt, started);
            throw new InvalidNoticeException(contentProblem);
        }

        if (!channels.TryGet(notice.Channel, out var channel))
        {
            await FinishAsync(publisher, notice, NoticeStatus.Suppressed, $"no provider is configured for channel {notice.Channel}", null, attempt, started);
            return DeliveryResult.Final;
        }

        DeliveryReceipt receipt;
        try
        {
            var content = await RenderAsync(notice);
            await rateLimits.WaitAsync(channel.Name, cancellationToken);

            // Last thing before the send: a payment that arrives while the notice renders or waits for its rate limit
            // must still stop it.
            var askAccount = notice.ChecksValidity && !UnchangedSinceDecided(notice, claim, started);
            if (notice.ChecksValidity)
            {
                metrics.ValidityChecked(askAccount);
            }

            if (askAccount)
            {
                var validity = await grains.GetGrain<IAccountGrain>(notice.AccountId).CheckNotice(notice.NoticeId, notice.InvoiceIds);
                if (!validity.StillValid)
                {
                    await FinishAsync(publisher, notice, NoticeStatus.Suppressed, validity.Reason, null, attempt, started);
                    return DeliveryResult.Final;
                }
            }

            receipt = await channel.SendAsync(new ChannelMessage(notice.NoticeId, notice.AccountId, notice.Channel, notice.Recipients, content), cancellationToken);
        }
        catch (InvalidNoticeException exception)
        {
            await FinishAsync(publisher, notice, NoticeStatus.Failed, exception.Message, null, attempt, started);
            throw;
        }
        catch (DeliveryRejectedException exception)
        {
            await FinishAsync(publisher, notice, NoticeStatus.Rejected, exception.Reply, null, attempt, started);
            return DeliveryResult.Final;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = exception is DeliveryDeferredException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
            if (time.GetUtcNow() >= claim.RetryUntil)
            {
                var gaveUp = string.Create(CultureInfo.InvariantCulture, $"gave up after {attempt} attempts, retried until {claim.RetryUntil:u}: {reason}");
                await FinishAsync(publisher, notice, NoticeStatus.Failed, gaveUp, null, attempt, started);
                return DeliveryResult.Final;
            }

            var pause = settings.Retry.PauseAfter(attempt);
            metrics.Retry(notice.Channel);
            LogRetrying(notice.NoticeId, notice.Channel, attempt, reason, pause);
            await log.RetryLaterAsync(notice, Worker, reason, pause, CancellationToken.None);
            return DeliveryResult.Parked;
        }

        // The channel has the message: from here on no failure may count as a failed send, or the retry would send it again.
        await FinishAsync(publisher, notice, NoticeStatus.Sent, receipt.ProviderReply, receipt.MessageId, attempt, started);
        return DeliveryResult.Final;
    }

    /// <summary>
    /// Whether the claim has already shown the notice to hold: every change of an account moves its version (payments,
    /// disputes, promises, flags, write-offs included), and storage held the version that decided the notice when the
    /// claim committed, a moment ago. Time alone never voids a notice, so the call to the account is only needed when the
    /// versions differ or are unknown, or when the send comes long after the claim.
    /// </summary>
    private bool UnchangedSinceDecided(OutgoingNotice notice, Claim.Granted claim, long claimedAt) =>
        notice.AccountVersion is { } decided
        && claim.AccountVersion == decided
        && time.GetElapsedTime(claimedAt) <= settings.UnchangedAccountWindow;

    /// <summary>
    /// Claims the notice, waiting while another worker holds it until that worker records an outcome or its lease
    /// runs out. The wait is not a bus retry on purpose: the holder may have crashed with the notice claimed, and a
    /// retry budget shorter than the lease would send this copy to the error queue and leave the notice unsent.
    /// </summary>
    private async Task<Claim> ClaimOnceHolderIsDoneAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        var pause = HeldNoticePoll.First;
        while (true)
        {
            var claim = await log.ClaimAsync(notice, Worker, settings.ClaimLease, settings.Retry.Deadline, cancellationToken);
            if (claim is not Claim.HeldElsewhere held)
            {
                return claim;
            }

            LogHeldElsewhere(notice.NoticeId, held.Worker ?? "unknown", held.Until);
            var leaseLeft = held.Until is { } until ? until - time.GetUtcNow() : TimeSpan.Zero;
            var wait = leaseLeft > TimeSpan.Zero && leaseLeft < pause ? leaseLeft + HeldNoticePoll.First : pause;
            await Task.Delay(wait, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, HeldNoticePoll.Longest.Ticks));
        }
    }

    private async Task<RenderedMessage> RenderAsync(OutgoingNotice notice)
    {
        templates.TryGet(notice.TemplateKey, notice.Channel, notice.Locale, out var template);
        try
        {
            return await templates.RenderAsync(template, notice.Model());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A time zone this machine does not know, a value the template cannot use: retrying renders the same.
            throw new InvalidNoticeException($"the {template.File} template could not be rendered: {exception.Message}");
        }
    }

    private async Task FinishAsync(IPublishEndpoint publisher, OutgoingNotice notice, NoticeStatus status, string? detail, string? messageId, int attempts, long started)
    {
        // The outcome is recorded even when the consumer is being stopped: the e-mail may already be out.
        var completedAt = status is NoticeStatus.Sent
            ? await CompleteSentAsync(notice.NoticeId, detail, messageId)
            : await log.CompleteAsync(notice.NoticeId, Worker, status, detail, messageId, CancellationToken.None);
        if (completedAt is null)
        {
            LogLostClaim(notice.NoticeId, status);
            return;
        }

        metrics.Outcome(notice.Channel, status, time.GetElapsedTime(started));
        if (status is NoticeStatus.Sent)
        {
            LogSent(notice.NoticeId, notice.Channel, Redact.Addresses(notice.Recipients), attempts);
        }
        else
        {
            LogNotSent(notice.NoticeId, notice.Channel, status, Redact.Addresses(notice.Recipients), detail);
        }

        await PublishOutcomeAsync(publisher, notice, status, detail, attempts, completedAt.Value);
    }

    /// <summary>
    /// Logs a sent notice Sent, retrying while PostgreSQL refuses (restarting, out of connections): the claim keeps
    /// every other worker off the notice until its lease ends, so within the lease a retried log write cannot lead to
    /// a second e-mail. Past the lease the failure goes to the bus like any other, and the notice may be sent again.
    /// </summary>
    private async Task<DateTimeOffset?> CompleteSentAsync(string noticeId, string? detail, string? messageId)
    {
        var giveUpAt = time.GetUtcNow() + settings.ClaimLease;
        var pause = SentLogRetry.First;
        while (true)
        {
            try
            {
                return await log.CompleteAsync(noticeId, Worker, NoticeStatus.Sent, detail, messageId, CancellationToken.None);
            }
            catch (DbException exception) when (time.GetUtcNow() + pause < giveUpAt)
            {
                LogSentNotLogged(noticeId, exception.Message, pause);
                await Task.Delay(pause, time);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, SentLogRetry.Longest.Ticks));
            }
        }
    }

    private static class SentLogRetry
    {
        public static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
        public static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Tells the account what became of its notice, unless it was plainly Sent: that is recorded in the log alone, which
    /// the contact history reads (the domain's ContactHistory), because telling the account would write its
    /// whole state a second time per e-mail for an outcome that changes no dunning decision. The event id counts the
    /// attempts, so a notice re-opened after it Failed and then Sent is a second contact entry, while the same outcome
    /// published again is the same event.
    /// </summary>
    private static async Task PublishOutcomeAsync(IPublishEndpoint publisher, OutgoingNotice notice, NoticeStatus status, string? detail, int attempts, DateTimeOffset completedAt)
    {
        if (!notice.IsCustomerContact || status is NoticeStatus.Sending or NoticeStatus.Retrying or NoticeStatus.Sent)
        {
            return;
        }

        var eventId = string.Create(CultureInfo.InvariantCulture, $"{notice.NoticeId}:outcome:{attempts}");
        var outcome = new NoticeOutcome(
            eventId, notice.AccountId, completedAt, notice.NoticeId, notice.Channel,
            status switch
            {
                NoticeStatus.Suppressed => NoticeOutcomeStatus.Suppressed,
                NoticeStatus.Rejected => NoticeOutcomeStatus.Rejected,
                NoticeStatus.Failed => NoticeOutcomeStatus.Failed,
                _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a final status"),
            },
            detail, attempts);
        await publisher.Publish(outcome, publish => publish.MessageId = DeterministicGuid.From(eventId), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A notice could not be logged and goes to the error queue: {Reason}")]
    private partial void LogUnloggable(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notice {NoticeId} is held by {Worker} until {Until}: waiting for its outcome or the end of its lease")]
    private partial void LogHeldElsewhere(string noticeId, string worker, DateTimeOffset? until);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notice {NoticeId} is already {Status}: acknowledged without sending")]
    private partial void LogDuplicate(string noticeId, NoticeStatus status);

    // Debug: at thousands a second the log would cost more than the send; notice_log is the record of every message.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Notice {NoticeId} sent by {Channel} to {Recipients} (attempt {Attempt})")]
    private partial void LogSent(string noticeId, string channel, string recipients, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} by {Channel} to {Recipients} is {Status}: {Detail}")]
    private partial void LogNotSent(string noticeId, string channel, NoticeStatus status, string recipients, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} by {Channel} failed on attempt {Attempt} and is retried in {Pause}: {Reason}")]
    private partial void LogRetrying(string noticeId, string channel, int attempt, string reason, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} was sent but could not be logged Sent ({Reason}); trying again in {Pause}")]
    private partial void LogSentNotLogged(string noticeId, string reason, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId}: the claim had expired before the outcome {Status} was recorded; another worker holds it")]
    private partial void LogLostClaim(string noticeId, NoticeStatus status);
}

/// <summary>What became of an attempt: the notice has its outcome, or it is parked for a later one.</summary>
public enum DeliveryResult
{
    Final,
    Parked,
}
