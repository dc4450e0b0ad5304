using ArScale.Dunning;

namespace ArScale.Contracts.Accounts;

/// <summary>
/// One customer account, keyed by the lender's account id: the single writer of its ledger, dunning
/// schedule and contact history. Every command is idempotent by its own id.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Applies a command; a 2-style answer (<see cref="CommandResult.Accepted"/>) means it is durably stored.</summary>
    Task<CommandResult> Execute(AccountCommand command);

    /// <summary>
    /// Applies several commands in order, each answered on its own (one bad command never rejects the others),
    /// with a single state write for all of them: what a batch from a billing system costs per account.
    /// </summary>
    Task<IReadOnlyList<CommandResult>> ExecuteMany(IReadOnlyList<AccountCommand> commands);

    Task<AccountSnapshot> GetSnapshot();

    /// <summary>Whether a notice emitted earlier still holds: none of its invoices paid, disputed, written off or promised since.</summary>
    Task<NoticeValidity> CheckNotice(string noticeId, IReadOnlyList<string> invoiceIds);
}

[GenerateSerializer]
[Immutable]
public sealed record NoticeValidity([property: Id(0)] bool StillValid, [property: Id(1)] string? Reason);
