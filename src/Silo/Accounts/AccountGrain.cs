using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Silo.Outbox;
using Microsoft.Extensions.Options;

namespace ArScale.Silo.Accounts;

/// <summary>
/// One customer account. Thin by design: it loads the account, asks the domain what a command or the
/// clock means for it, writes state and the events it owes in one write, publishes them, and keeps one
/// reminder registered for the account's next action.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", "accounts")] IPersistentState<AccountGrainState> state,
    PolicyCatalog policies,
    TimeProvider clock,
    IEventPublisher publisher,
    ReminderWorkLimiter limiter,
    OutboxDepth outboxDepth,
    DunningMetrics metrics,
    IOptions<DunningOptions> options,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IRemindable
{
    public const string ReminderName = "dunning";

    /// <summary>The account as storage holds it; a call works on a copy (<see cref="ExecuteAsync"/>).</summary>
    private Account account = null!;

    /// <summary>Confirmed events were dropped from the outbox in memory only; written at once (<see cref="SaveTrimmedOutboxAsync"/>).</summary>
    private bool outboxTrimmedSinceWrite;

    /// <summary>This account's share of <see cref="OutboxDepth"/>: stored events not yet confirmed by the broker.</summary>
    private int outboxCounted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        account = state.State.Account is { } stored ? Account.Restore(stored) : new Account(this.GetPrimaryKeyString());
        if (state.State.Outbox.Count > 0)
        {
            outboxCounted = outboxDepth.Track(outboxCounted, state.State.Outbox.Count);
            await FlushOutboxAsync(cancellationToken);
            await SaveTrimmedOutboxAsync(cancellationToken);
        }

        try
        {
            await ReconcileReminderAsync(clock.GetUtcNow());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Failing the activation would refuse reads too; the next command or tick reconciles again.
            LogReminderNotReconciled(exception);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // What is left stays in storage and is this silo's concern no longer: the next activation, wherever it is, flushes it.
        outboxCounted = outboxDepth.Track(outboxCounted, 0);
        await SaveTrimmedOutboxAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the outbox without the events the broker confirmed, as soon as they are confirmed. Left for later, a
    /// silo that dies in between leaves them in storage with the account's reminder days away: nothing would clear
    /// them until then, and they would all go out again. The batched storage makes the write cheap.
    /// </summary>
    private async Task SaveTrimmedOutboxAsync(CancellationToken cancellationToken)
    {
        if (!outboxTrimmedSinceWrite || !state.RecordExists)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            outboxTrimmedSinceWrite = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Harmless: the confirmed events stay in the stored outbox and are republished with the same ids. The next
            // call starts from storage, in case the write failed on a version another activation moved on.
            LogTrimNotSaved(exception);
            DeactivateOnIdle();
        }
    }

    async Task<CommandResult> IAccountGrain.Execute(AccountCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return (await ExecuteAsync([command]))[0];
    }

    async Task<IReadOnlyList<CommandResult>> IAccountGrain.ExecuteMany(IReadOnlyList<AccountCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return await ExecuteAsync(commands);
    }

    Task<AccountSnapshot> IAccountGrain.GetSnapshot() =>
        Task.FromResult(AccountSnapshots.Of(account, PolicyOf(account) ?? policies.Policies[0], clock.GetUtcNow()));

    Task<NoticeValidity> IAccountGrain.CheckNotice(string noticeId, IReadOnlyList<string> invoiceIds)
    {
        ArgumentNullException.ThrowIfNull(invoiceIds);
        return Task.FromResult(NoticeValidityCheck.Check(account, PolicyOf(account), invoiceIds, clock.GetUtcNow()));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        metrics.ReminderFired();

        // Events still owed from earlier go out first: PersistAsync appends after them and flushes in order.
        using (await limiter.EnterAsync(CancellationToken.None))
        {
            await PersistAsync(account.Copy(), clock.GetUtcNow(), changed: false, summaryChanged: false);
        }

        // Outside the slot: the decision is stored and published, and the slot bounds that work, not the bookkeeping
        // write after it. Held through it, a storm's ticks would wait one more batched write each for a slot.
        await SaveTrimmedOutboxAsync(CancellationToken.None);
    }

    /// <summary>
    /// Runs the commands on a copy of the account, which becomes the account only once it is stored: a command that
    /// throws (even in a way nobody foresaw) or a write that fails leaves memory as storage holds it, so no later call
    /// is answered from a change that was never stored. The whole call fails then, and a retry starts afresh.
    /// </summary>
    private async Task<IReadOnlyList<CommandResult>> ExecuteAsync(IReadOnlyList<AccountCommand> commands)
    {
        var now = clock.GetUtcNow();
        var draft = account.Copy();
        var results = commands.Select(command => draft.Execute(command, now)).ToList();
        if (results.Exists(result => result.ChangedState))
        {
            await PersistAsync(draft, now, changed: true, summaryChanged: commands.Where((_, index) => results[index].ChangedState).Any(ChangesSummary));
            await SaveTrimmedOutboxAsync(CancellationToken.None);
        }
        else
        {
            // A duplicate is what a client sends after an error: if that error was the reminder registration, this repairs it.
            await ReconcileReminderAsync(now);
        }

        return results;
    }

    /// <summary>
    /// A contact or a note only adds to the account's history: no balance, stage or flag moves, so the
    /// projections need no AccountChanged. In a storm that is one publish fewer per notice.
    /// </summary>
    private static bool ChangesSummary(AccountCommand command) => command is not (RecordNoticeOutcome or AddCollectionNote);

    /// <summary>
    /// Evaluate the draft, then write it with the events it owes in one write, then publish, then reschedule. The draft
    /// becomes the account only once the write has succeeded. The caller then stores the trimmed outbox
    /// (<see cref="SaveTrimmedOutboxAsync"/>), which also stores the reminder's new time.
    /// </summary>
    private async Task PersistAsync(Account draft, DateTimeOffset now, bool changed, bool summaryChanged)
    {
        var policy = PolicyOf(draft);
        var decision = policy is null ? null : PolicyEvaluator.Evaluate(draft, policy, now);
        var hasEffects = decision?.HasEffects(draft) == true;
        if (changed || hasEffects)
        {
            var next = state.State.Next(draft.State);
            if (decision is not null)
            {
                draft.Apply(decision);
                next.Outbox.AddRange(AccountEvents.From(decision, draft, next.Version, now));
            }

            if (policy is not null && (summaryChanged || hasEffects))
            {
                next.Outbox.Add(AccountEvents.Changed(draft, AccountSnapshots.Of(draft, policy, now), next.Version, now));
            }

            await WriteAsync(next);
            account = draft;
            if (decision is not null)
            {
                metrics.Written(decision);
            }
        }

        await FlushOutboxAsync(CancellationToken.None);
        await ScheduleReminderAsync(decision?.NextActionAt, now);
    }

    private async Task WriteAsync(AccountGrainState next)
    {
        var stored = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory goes back to what storage held. The write may still have committed before it failed (a lost
            // answer): only storage knows, so the next call reads it afresh in a new activation.
            state.State = stored;
            DeactivateOnIdle();
            throw;
        }

        outboxTrimmedSinceWrite = false;
        outboxCounted = outboxDepth.Track(outboxCounted, next.Outbox.Count);
    }

    private DunningPolicy? PolicyOf(Account subject) => subject.Profile is { } profile ? policies.For(profile) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reconcile the dunning reminder on activation; the next call retries")]
    private partial void LogReminderNotReconciled(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not save the trimmed outbox; confirmed events will be republished with their ids")]
    private partial void LogTrimNotSaved(Exception exception);
}
