using System.Globalization;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using ArScale.Silo.Outbox;
using Events = ArScale.Contracts.Events;

namespace ArScale.Silo.Accounts;

/// <summary>Translates what the domain decided into the bus events the rest of the system consumes.</summary>
public static class AccountEvents
{
    /// <param name="version">The account's version in the write that stores the decision (<see cref="AccountGrainState.Version"/>).</param>
    public static IEnumerable<OutboxMessage> From(DunningDecision decision, Account account, long version, DateTimeOffset now)
    {
        var profile = account.Profile;
        var timeZone = profile?.TimeZone ?? "UTC";
        var fees = decision.Fees.Select(ToFeeLine).ToList();

        foreach (var notice in decision.Notices)
        {
            var invoices = notice.Items.Select(item => new NoticeInvoice(
                item.InvoiceId, item.ItemId, item.Outstanding.Currency, item.Outstanding.Amount, item.DueDate, item.DaysPastDue)).ToList();
            var invoiceIds = notice.Items.Select(item => item.InvoiceId).ToHashSet(StringComparer.Ordinal);
            yield return OutboxMessage.For(new Events.NoticeDue(
                notice.Id, account.Id, now, notice.Id, notice.AccountName, notice.Stage, notice.TemplateKey, Name(notice.Channel),
                notice.Recipients, notice.Locale, timeZone, invoices, Totals(notice.Items.Select(item => item.Outstanding)),
                [.. fees.Where(fee => invoiceIds.Contains(fee.InvoiceId))],
                notice.Items.Max(item => item.DaysPastDue), profile?.CollectorId, decision.PolicyKey, version));
        }

        foreach (var (fee, line) in decision.Fees.Zip(fees))
        {
            yield return OutboxMessage.For(new FeePosted(fee.Id, account.Id, now, line, fee.Stage));
        }

        foreach (var stage in decision.StagesReached)
        {
            yield return OutboxMessage.For(new StageEscalated(stage.Id, account.Id, now, stage.InvoiceId, stage.ItemId, stage.Stage, stage.OffsetDays, stage.Stops));
        }

        foreach (var escalation in decision.Escalations)
        {
            yield return escalation.Kind == EscalationKind.Legal
                ? OutboxMessage.For(new Events.LegalEscalation(
                    escalation.Id, account.Id, now, escalation.Id, profile?.Name ?? account.Id, escalation.ItemIds,
                    [.. account.State.Notices.Select(n => n.Id)],
                    [.. account.State.Contacts.Select(c => c.NoticeId)],
                    Totals(escalation.Exposure), escalation.CollectorId))
                : OutboxMessage.For(new CollectorTaskCreated(
                    escalation.Id, account.Id, now, escalation.Id, escalation.CollectorId, escalation.Stage, escalation.ItemIds,
                    Totals(escalation.Exposure), escalation.FollowUpBy, NotifyOnly: escalation.Kind == EscalationKind.CollectorNotification));
        }

        foreach (var statement in decision.Statements)
        {
            yield return OutboxMessage.For(new StatementIssued(
                statement.Id, account.Id, now, statement.Id, profile?.Name ?? account.Id, statement.Recipients, statement.Locale, timeZone,
                statement.PeriodStart, statement.Date, statement.OpenInvoiceIds, Totals(statement.Balances)));
        }

        foreach (var warning in decision.RiskWarnings)
        {
            yield return OutboxMessage.For(new Events.RiskWarning(
                warning.Id, account.Id, now, Name(warning.Kind), warning.Score, Amount(warning.Exposure), Amount(warning.CreditLimit), warning.Message));
        }
    }

    /// <summary>The summary a projection keeps of the account after a change; its id is the account plus the version.</summary>
    public static OutboxMessage Changed(Account account, AccountSnapshot snapshot, long version, DateTimeOffset now)
    {
        var items = snapshot.Invoices.SelectMany(invoice => invoice.Items).Where(item => item.Outstanding.Amount > 0).ToList();
        var worst = items.OrderByDescending(item => item.DaysPastDue).FirstOrDefault(item => item.CurrentStage is not null);
        var aging = snapshot.Aging.SelectMany(buckets => new[]
        {
            new AgingBucketAmount("current", buckets.Currency, buckets.Current),
            new AgingBucketAmount("1-30", buckets.Currency, buckets.Days1To30),
            new AgingBucketAmount("31-60", buckets.Currency, buckets.Days31To60),
            new AgingBucketAmount("61-90", buckets.Currency, buckets.Days61To90),
            new AgingBucketAmount("90+", buckets.Currency, buckets.Over90),
        }).ToList();
        var flags = account.EffectiveFlags;
        return OutboxMessage.For(new AccountChanged(
            $"{account.Id}:changed:{version.ToString(CultureInfo.InvariantCulture)}", account.Id, now, version,
            account.Profile?.Name ?? account.Id, account.Profile is { } profile ? Name(profile.Segment) : "unknown",
            account.Profile?.CollectorId, Totals(snapshot.Balances), aging, worst?.CurrentStage,
            items.Count == 0 ? 0 : items.Max(item => item.DaysPastDue), snapshot.NextActionAt, snapshot.CreditScore,
            flags.DunningPaused));
    }

    private static FeeLine ToFeeLine(FeeDue fee) =>
        new(fee.Id, fee.InvoiceId, Name(fee.Kind), fee.Amount.Currency, fee.Amount.Amount, fee.PostedOn);

    private static List<MoneyAmount> Totals(IEnumerable<Money> amounts) =>
        [.. amounts.GroupBy(money => money.Currency, StringComparer.Ordinal)
            .Select(group => new MoneyAmount(group.Key, group.Sum(money => money.Amount)))];

    private static MoneyAmount? Amount(Money? money) => money is { } value ? new MoneyAmount(value.Currency, value.Amount) : null;

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
