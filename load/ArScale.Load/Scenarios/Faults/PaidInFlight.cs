using System.Globalization;
using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using Npgsql;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// Payments land while their notices are between the account's decision and the send: the Notifier is slowed to a rate
/// that keeps a backlog, and at a third of the storm every second account whose notice is decided and not yet sent
/// pays its invoice in full. No e-mail may go
/// out for a notice whose invoice was paid before the send (the Notifier asks the account just before it sends); the
/// report shows how close to a payment a notice still went out: the race window that is left.
/// </summary>
public sealed class PaidInFlight : StormFault
{
    /// <summary>A check that passed just before the payment and an SMTP session finishing after it: more than this is a failure.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    public override string Name => "paid-in-flight";

    public override string How(FaultSettings settings) => Invariant(
        $"Notifier limited to {Rate(settings)} e-mails/s so notices queue; at a third of the storm every second account whose notice is decided and not yet sent pays its invoice in full");

    public override IReadOnlyDictionary<string, string> NotifierSettings(FaultSettings settings) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ArScale__Notifier__RateLimits__email"] = Rate(settings).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Half of what the wake-ups decide per second: a backlog that grows through the storm.</summary>
    private static int Rate(FaultSettings settings) => Math.Max(2, (int)(settings.Accounts / Math.Max(1, 2 * settings.WakeUpSpread.TotalSeconds)));

    public override async Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        await UntilAsync(target.HitAt, cancellationToken);
        var held = await target.NotYetDeliveredAsync(cancellationToken);
        var hitAt = DateTimeOffset.UtcNow;
        var paid = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var payers = (await DecidedNotSentAsync(target, cancellationToken)).Where((_, index) => index % 2 == 0).ToList();
        await Parallel.ForEachAsync(payers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (accountId, _) =>
        {
            var result = await target.Grains.GetGrain<IAccountGrain>(accountId).Execute(
                new RecordPayment($"{accountId}:paid-in-flight", "pay-in-flight", new Money(250.00m, "EUR"), target.Instant.DueDate, target.Accounts.InvoiceId));
            if (result is CommandResult.Accepted)
            {
                paid[target.Instant.NoticeId(accountId, target.Accounts.InvoiceId)] = DateTimeOffset.UtcNow;
            }
        });

        return new FaultEvent(hitAt, DateTimeOffset.UtcNow, held, Invariant($"{paid.Count} of {payers.Count} payments acknowledged in {(DateTimeOffset.UtcNow - hitAt).TotalSeconds:0.0} s"),
            Paid: paid, Owed: target.Accounts.ExpectedNotices(target.Instant));
    }

    /// <summary>
    /// Accounts whose grain has decided the notice (stored with its state, before it is published) and whose e-mail is
    /// not at the sink yet: a payment to one of them lands between the decision and the send.
    /// </summary>
    private static async Task<IReadOnlyList<string>> DecidedNotSentAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        var sent = (await target.Sink.ReceiptsAsync(cancellationToken)).Select(receipt => receipt.NoticeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(target.System.Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT j->'account'->>'accountId'
              FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS j FROM account_state WHERE service_id = @service AND payload IS NOT NULL) AS state
             WHERE j->'account'->>'accountId' LIKE @prefix
               AND EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(j->'account'->'notices', '[]'::jsonb)) n WHERE n->>'stage' = 'due')
             ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("service", target.System.Settings.ClusterId);
        command.Parameters.AddWithValue("prefix", target.Accounts.IdPrefix + "%");
        var decided = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var accountId = reader.GetString(0);
            if (!sent.Contains(target.Instant.NoticeId(accountId, target.Accounts.InvoiceId)))
            {
                decided.Add(accountId);
            }
        }

        return decided;
    }

    public override FaultVerdict Judge(StormGroundTruth truth, FaultEvent fault, int accounts)
    {
        var paid = fault.Paid ?? new Dictionary<string, DateTimeOffset>();
        var owed = fault.Owed ?? new HashSet<string>();
        var receipts = truth.Receipts.Where(receipt => receipt.NoticeId is { } id && owed.Contains(id)).GroupBy(receipt => receipt.NoticeId!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(receipt => receipt.ReceivedAt).ToList(), StringComparer.Ordinal);
        var failures = new List<string>();
        var lost = owed.Count(id => !paid.ContainsKey(id) && !receipts.ContainsKey(id));
        var duplicated = receipts.Values.Sum(list => (long)list.Count - 1);
        var afterPayment = paid.Where(entry => receipts.TryGetValue(entry.Key, out var list) && list[0].ReceivedAt > entry.Value)
            .Select(entry => receipts[entry.Key][0].ReceivedAt - entry.Value).ToList();
        var late = afterPayment.Count(gap => gap > Tolerance);
        if (paid.Count == 0)
        {
            failures.Add("no payment was acknowledged");
        }

        if (lost > 0)
        {
            failures.Add(Invariant($"{lost} unpaid notice(s) never arrived"));
        }

        if (duplicated > 0)
        {
            failures.Add(Invariant($"{duplicated} duplicate e-mail(s)"));
        }

        if (late > 0)
        {
            failures.Add(Invariant($"{late} e-mail(s) went out more than {Tolerance.TotalSeconds:0} s after their invoice was paid (latest {afterPayment.Max().TotalSeconds:0.000} s)"));
        }

        if (truth.Unfinished > 0 || truth.Failed > 0)
        {
            failures.Add(Invariant($"notice_log: {truth.Unfinished} unfinished, {truth.Failed} Failed"));
        }

        if (truth.OutboxesNotEmpty > 0)
        {
            failures.Add(Invariant($"{truth.OutboxesNotEmpty} account(s) with events left in the outbox"));
        }

        if (truth.ErrorMessages > 0)
        {
            failures.Add(Invariant($"{truth.ErrorMessages} message(s) in the error queues"));
        }

        var suppressed = truth.Statuses.GetValueOrDefault("Suppressed");
        var window = afterPayment.Count > 0 ? Invariant($"{afterPayment.Count} sent after their payment, at most {afterPayment.Max().TotalMilliseconds:0} ms after it") : "none sent after its payment";
        return new FaultVerdict(failures, lost, duplicated) { Observation = Invariant($"{paid.Count} paid in flight: {suppressed} suppressed at the send, {window}") };
    }
}
