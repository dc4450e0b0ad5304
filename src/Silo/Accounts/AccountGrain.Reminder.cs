using ArScale.Dunning;

namespace ArScale.Silo.Accounts;

/// <summary>
/// The account's one reminder. <see cref="AccountGrainState.ReminderDueAt"/> records only what the reminder service
/// confirmed, so comparing it with what the account needs tells whether a registration is missing: a registration that
/// failed after its state write is repaired by the next activation, command (duplicates included) or tick.
/// </summary>
public sealed partial class AccountGrain
{
    /// <summary>After a write: the reminder comes at the next action, or sooner while the outbox holds events.</summary>
    private Task ScheduleReminderAsync(DateTimeOffset? nextAction, DateTimeOffset now) => RegisterReminderAsync(ReminderDue(nextAction, now), now);

    /// <summary>Without a write: makes the registered reminder match what the stored account needs.</summary>
    private async Task ReconcileReminderAsync(DateTimeOffset now)
    {
        var decision = PolicyOf(account) is { } policy ? PolicyEvaluator.Evaluate(account, policy, now) : null;
        if (decision?.HasEffects(account) != true)
        {
            await ScheduleReminderAsync(decision?.NextActionAt, now);
            return;
        }

        // Work is due and not done, and the decision's next action is what comes after it. A registered reminder that
        // comes no later than needed is left alone (one that has come due fires again every period until the work is
        // done), so a storm's activations cost no reminder writes; a missing or later one is brought forward.
        var due = ReminderDue(now, now);
        if (state.State.ReminderDueAt is not { } registered || registered > due)
        {
            await RegisterReminderAsync(due, now);
        }
    }

    private DateTimeOffset? ReminderDue(DateTimeOffset? nextAction, DateTimeOffset now)
    {
        var settings = options.Value;
        DateTimeOffset? due = nextAction is { } next ? next + WakeUpJitter.For(account.Id, settings.WakeUpSpread) : null;
        if (state.State.Outbox.Count > 0)
        {
            var retry = now + settings.OutboxRetryDelay;
            due = due is { } planned && planned < retry ? planned : retry;
        }

        return due;
    }

    private async Task RegisterReminderAsync(DateTimeOffset? due, DateTimeOffset now)
    {
        if (due == state.State.ReminderDueAt)
        {
            return;
        }

        if (due is null)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else
        {
            var delay = due.Value - now;
            await this.RegisterOrUpdateReminder(ReminderName, delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1), options.Value.ReminderPeriod);
        }

        // Recorded only once the reminder service has it; stored with the next write.
        state.State.ReminderDueAt = due;
    }
}
