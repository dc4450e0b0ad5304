using System.Globalization;
using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Mail.SmtpSink;
using Orleans.Runtime;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// The accounts a storm falls on, and how they are set up through the account grains as the Gateway's batch API drives
/// them (the Gateway itself is not part of the measurement, so the tool is an Orleans client of the run's cluster):
/// first each account gets one <c>ExecuteMany</c> (its profile, with an e-mail contact, the standard segment and a send
/// window that stays closed today, and one open invoice due today), then, once T0 is chosen, each profile's send
/// window is set to open at T0 (an <c>UpsertProfile</c>). The first pass tells how fast this machine does it, so T0 can
/// be chosen with room for the second pass and no more. The accounts are new (<c>storm</c>, <see cref="Fresh"/>) or
/// already hold invoices of their own (a slice of <c>scale</c>'s accounts): the invoice and the commands then carry
/// ids of their own.
/// </summary>
/// <param name="AccountIds">The accounts, each owing one notice at T0.</param>
/// <param name="InvoiceId">The invoice each account gets, due today: its <c>due</c> notice is the one expected.</param>
/// <param name="IdPrefix">What every account id of the run starts with, and so every notice id of the run.</param>
/// <param name="CommandTag">
/// Put before the set-up commands' ids (every write is idempotent by its id): empty for new accounts; for accounts
/// that already took a <c>:profile</c> command, a tag of its own, or their profile update would be a duplicate.
/// </param>
public sealed record StormAccounts(IReadOnlyList<string> AccountIds, string InvoiceId, string IdPrefix, string CommandTag)
{
    /// <summary>Grain calls in flight while setting up; the silo's own limits decide how fast they go.</summary>
    public const int Parallelism = 64;

    public int Count => AccountIds.Count;

    public static string AccountPrefix(string runId) => $"storm-{runId}-";

    public static string AccountId(string runId, int index) => $"{AccountPrefix(runId)}{index:000000}";

    public static string Recipient(string accountId) => $"{accountId}@load.example.test";

    /// <summary>The storm scenario's <paramref name="count"/> new accounts, each with the invoice <c>inv-1</c>.</summary>
    public static StormAccounts Fresh(string runId, int count) =>
        new([.. Enumerable.Range(1, count).Select(index => AccountId(runId, index))], "inv-1", AccountPrefix(runId), "");

    /// <summary>The notice id every account owes at T0: each must reach the sink once.</summary>
    public IReadOnlySet<string> ExpectedNotices(StormInstant instant) =>
        AccountIds.Select(accountId => instant.NoticeId(accountId, InvoiceId)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The .NET sink is the run's alone; aiosmtpd's Maildir is shared, and the run's e-mails are told by their notice ids.</summary>
    public bool Owns(IMailSink sink, SinkReceipt receipt) =>
        receipt.NoticeId is { } id ? id.StartsWith(IdPrefix, StringComparison.Ordinal) : sink.Kind == SinkKind.Dotnet;

    /// <summary>The first pass: each account's profile with a window closed for the rest of today, and its invoice due today.</summary>
    public Task SetUpAsync(IGrainFactory grains, StormDay day, Action accountDone, CancellationToken cancellationToken) =>
        ForEachAsync(grains, accountDone, cancellationToken, accountId =>
        [
            new UpsertProfile($"{accountId}:{CommandTag}profile", Profile(accountId, day, StormDay.ClosedUntilTomorrow)),
            new IssueInvoice($"{accountId}:{CommandTag}invoice", InvoiceId, new Money(250.00m, "EUR"), day.DueDate.AddDays(-30), day.DueDate),
        ]);

    /// <summary>The second pass, once T0 is chosen: each account's send window opens at T0.</summary>
    public Task OpenWindowsAsync(IGrainFactory grains, StormInstant instant, Action accountDone, CancellationToken cancellationToken) =>
        ForEachAsync(grains, accountDone, cancellationToken, accountId =>
        [
            new UpsertProfile($"{accountId}:{CommandTag}window", Profile(accountId, instant.Day, instant.Window)),
        ]);

    /// <summary>
    /// Deactivates every idle account grain (each writes its state on the way out, as at any deactivation) and waits
    /// until none is active, so that at T0 every account is read from PostgreSQL as a 09:00 storm finds them: idle all
    /// night, long collected. Returns how many were active before.
    /// </summary>
    public static async Task<int> DeactivateAllAsync(IGrainFactory grains, Action<int> remaining, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var before = await ActiveAsync(management);
        var collecting = CollectAsync(management);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = before;
        var stalled = 0;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var active = await ActiveOrNullAsync(management);
            if (active is not null)
            {
                remaining(active.Value);
            }

            if (active == 0)
            {
                await collecting;
                return before;
            }

            if (clock.Elapsed > timeout)
            {
                throw new LoadFailedException($"{active?.ToString("N0", CultureInfo.InvariantCulture) ?? "some"} account grains were still active {timeout.TotalSeconds:0} s after the collection was forced");
            }

            if (active is null)
            {
                continue;
            }

            // Activations busy when a collection passed them are left for the next one.
            stalled = active < last ? 0 : stalled + 1;
            last = active.Value;
            if (stalled >= 5 && collecting.IsCompleted)
            {
                await collecting;
                collecting = CollectAsync(management);
                stalled = 0;
            }
        }
    }

    /// <summary>
    /// One forced collection. With many activations it outlasts the client's 30 s response timeout while the silo goes
    /// on deactivating them; the activation count, not this call, says when it is done.
    /// </summary>
    private static async Task CollectAsync(IManagementGrain management)
    {
        try
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
        }
        catch (TimeoutException)
        {
            // Still collecting on the silo.
        }
    }

    /// <summary>The management grain answers one call at a time: while it is collecting, asking may time out.</summary>
    private static async Task<int?> ActiveOrNullAsync(IManagementGrain management)
    {
        try
        {
            return await ActiveAsync(management);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task<int> ActiveAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains("AccountGrain", StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);

    private static AccountProfile Profile(string accountId, StormDay day, SendWindow window) => new(
        "Anna Müller", [new Contact(ContactKind.Email, Recipient(accountId))], "en", day.TimeZone, Segment.Standard, null,
        PaymentTerms.NetDaysFromIssue(30), SendWindow: window);

    private async Task ForEachAsync(IGrainFactory grains, Action accountDone, CancellationToken cancellationToken, Func<string, AccountCommand[]> commands)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(AccountIds, options, async (accountId, _) =>
        {
            var results = await grains.GetGrain<IAccountGrain>(accountId).ExecuteMany(commands(accountId));
            if (results.FirstOrDefault(result => result is not (CommandResult.Accepted or CommandResult.Duplicate)) is { } refused)
            {
                throw new LoadFailedException($"account {accountId} refused a set-up command: {refused}");
            }

            accountDone();
        });
    }
}
