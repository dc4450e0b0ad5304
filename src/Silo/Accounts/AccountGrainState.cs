using ArScale.Dunning;
using ArScale.Silo.Outbox;
using ArScale.Silo.Storage;

namespace ArScale.Silo.Accounts;

/// <summary>What the grain persists in one write: the account, the events it still owes the bus, and its bookkeeping.</summary>
public sealed class AccountGrainState : IVersionedState
{
    public AccountState? Account { get; set; }

    public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>
    /// Grows with every change of the account, not with bookkeeping writes (an outbox trim, a reminder time): projections
    /// keep the newest version of an account's summary, and the Notifier sends a notice without asking the account while
    /// storage still holds the version that decided it.
    /// </summary>
    public long Version { get; set; }

    /// <summary>When the dunning reminder is registered for, so an unchanged next action costs no reminder write.</summary>
    public DateTimeOffset? ReminderDueAt { get; set; }

    /// <summary>The state to write for a changed account: this one's outbox and bookkeeping, copied, one version on.</summary>
    public AccountGrainState Next(AccountState account) => new()
    {
        Account = account,
        Outbox = [.. Outbox],
        Version = Version + 1,
        ReminderDueAt = ReminderDueAt,
    };
}
