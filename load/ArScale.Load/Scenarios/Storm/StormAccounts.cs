using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Load.Infrastructure;
using Orleans.Runtime;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// The storm's accounts, created through the account grains as the Gateway's batch API does for each account (one
/// <c>ExecuteMany</c>: the profile and the invoice, one state write): an e-mail contact, the standard segment, the
/// send window of <see cref="StormInstant"/> and one open invoice due on T0's date. The Gateway itself is not part of
/// the measurement, so the tool calls the grains directly, as an Orleans client of the run's cluster.
/// </summary>
public static class StormAccounts
{
    /// <summary>Grain calls in flight while creating; the silo's own limits decide how fast they go.</summary>
    public const int Parallelism = 64;

    public const string InvoiceId = "inv-1";

    public static string AccountPrefix(string runId) => $"storm-{runId}-";

    public static string AccountId(string runId, int index) => $"{AccountPrefix(runId)}{index:000000}";

    public static string Recipient(string accountId) => $"{accountId}@load.example.test";

    public static async Task CreateAsync(IGrainFactory grains, IReadOnlyList<string> accountIds, StormInstant instant, Action accountDone, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(accountIds, options, async (accountId, _) =>
        {
            var profile = new AccountProfile(
                "Anna Müller", [new Contact(ContactKind.Email, Recipient(accountId))], "en", instant.TimeZone, Segment.Standard, null,
                PaymentTerms.NetDaysFromIssue(30), SendWindow: instant.Window);
            var results = await grains.GetGrain<IAccountGrain>(accountId).ExecuteMany(
            [
                new UpsertProfile($"{accountId}:profile", profile),
                new IssueInvoice($"{accountId}:invoice", InvoiceId, new Money(250.00m, "EUR"), instant.DueDate.AddDays(-30), instant.DueDate),
            ]);
            if (results.FirstOrDefault(result => result is not (CommandResult.Accepted or CommandResult.Duplicate)) is { } refused)
            {
                throw new LoadFailedException($"account {accountId} refused a set-up command: {refused}");
            }

            accountDone();
        });
    }

    /// <summary>
    /// Deactivates every idle account grain (each writes its state on the way out, as at any deactivation) and waits
    /// until none is active, so that at T0 every account is read from PostgreSQL as a 09:00 storm finds them: idle all
    /// night, long collected. Returns how many were active before.
    /// </summary>
    public static async Task<int> DeactivateAllAsync(IGrainFactory grains, Action<int> remaining, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var before = await ActiveAsync(management);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var poll = 1; ; poll++)
        {
            var active = await ActiveAsync(management);
            remaining(active);
            if (active == 0)
            {
                return before;
            }

            if (clock.Elapsed > timeout)
            {
                throw new LoadFailedException($"{active:N0} account grains were still active {timeout.TotalSeconds:0} s after the collection was forced");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            if (poll % 4 == 0)
            {
                // Activations busy when the collection ran are collected by the next one.
                await management.ForceActivationCollection(TimeSpan.Zero);
            }
        }
    }

    private static async Task<int> ActiveAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains("AccountGrain", StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);
}
