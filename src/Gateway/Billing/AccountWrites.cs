using ArScale.Contracts.Accounts;
using ArScale.Dunning;

namespace ArScale.Gateway.Billing;

/// <summary>
/// The one path every write takes, from HTTP or from the bus: to the account grain, which answers only once
/// the write is durably stored. A batch is grouped by account, so each account stores its share in one write.
/// </summary>
public sealed class AccountWrites(IGrainFactory grains)
{
    // Accounts written at once per batch: enough to keep every silo busy, few enough not to flood them.
    private const int AccountsInParallel = 64;

    public async Task<WriteOutcome> ExecuteAsync(string accountId, AccountCommand command) =>
        WriteOutcome.From(await grains.GetGrain<IAccountGrain>(accountId).Execute(command), accountId);

    public async Task<IReadOnlyList<WriteOutcome>> ExecuteBatchAsync(IReadOnlyList<AccountWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = new WriteOutcome[writes.Count];
        var byAccount = writes.Select((write, index) => (write, index)).GroupBy(entry => entry.write.AccountId, StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            byAccount,
            new ParallelOptions { MaxDegreeOfParallelism = AccountsInParallel, CancellationToken = cancellationToken },
            async (account, _) =>
            {
                var entries = account.ToList();
                var results = await grains.GetGrain<IAccountGrain>(account.Key).ExecuteMany([.. entries.Select(entry => entry.write.Command)]);
                for (var i = 0; i < entries.Count; i++)
                {
                    outcomes[entries[i].index] = WriteOutcome.From(results[i], account.Key);
                }
            });
        return outcomes;
    }
}

/// <summary>One command for one account, as a batch carries it.</summary>
public sealed record AccountWrite(string AccountId, AccountCommand Command);
