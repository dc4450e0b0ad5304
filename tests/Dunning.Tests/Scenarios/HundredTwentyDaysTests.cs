using System.Globalization;

using ArScale.Scenarios;

namespace ArScale.Dunning.Tests.Scenarios;

/// <summary>
/// One account through 120 days: two invoices due together, a partial payment, a dispute lost by the customer,
/// a broken promise, an instalment plan and a write-off, across the October change from BST to GMT.
/// </summary>
public class HundredTwentyDaysTests
{
    private static readonly DunningPolicy Policy = APolicy().Build();
    private static readonly DateTimeOffset Start = At("2026-09-01 00:00");
    private static readonly DateTimeOffset End = Start.AddDays(120);

    [Fact]
    public void Stepping_every_hour_fires_exactly_what_the_policy_says_once()
    {
        var log = Drive(_ => TimeSpan.FromHours(1));

        Assert.Equal(HundredTwentyDaysExpected.Notices, log.Notices);
        Assert.Equal(HundredTwentyDaysExpected.Fees, log.Fees);
        Assert.Equal(HundredTwentyDaysExpected.Escalations, log.Escalations);
        Assert.Equal(log.Ids.Count, log.Ids.Distinct().Count());
    }

    [Fact]
    public void Waking_only_at_the_next_action_time_fires_the_same()
    {
        var log = Drive(decision => decision.NextActionAt is { } next ? next - decision.EvaluatedAt : TimeSpan.FromDays(365));

        Assert.Equal(HundredTwentyDaysExpected.Notices, log.Notices);
        Assert.Equal(HundredTwentyDaysExpected.Fees, log.Fees);
        Assert.Equal(HundredTwentyDaysExpected.Escalations, log.Escalations);
    }

    [Fact]
    public void At_the_end_the_ledger_adds_up()
    {
        var log = Drive(_ => TimeSpan.FromHours(1));
        var account = log.Account;

        Assert.Equal(0m, account.FindInvoice("inv-A")!.Outstanding);
        Assert.Equal(300m, account.FindInvoice("inv-B")!.WrittenOff);
        Assert.Equal(PromiseStatus.Broken, account.State.Promises.Single().Status);
        Assert.Equal(1, account.State.History.DisputesLost);
        // C 600 + D 700 + E 800 + fees 77.73
        Assert.Equal(Eur(2177.73m), account.BalanceIn("EUR"));
    }

    private static ScenarioLog Drive(Func<DunningDecision, TimeSpan> wait)
    {
        var account = AnAccount()
            .WithInvoice("inv-A", 1000m, due: "2026-09-10", issued: "2026-08-11")
            .WithInvoice("inv-B", 400m, due: "2026-09-10", issued: "2026-08-12")
            .WithInvoice("inv-C", 600m, due: "2026-10-01", issued: "2026-09-01")
            .WithInvoice("inv-D", 900m, due: "2026-10-15", issued: "2026-09-15")
            .WithInvoice("inv-E", 1200m, due: "2026-10-31", issued: "2026-10-01")
            .Build();
        var commands = new Queue<(DateTimeOffset At, AccountCommand Command)>(
        [
            (At("2026-09-20 12:00"), new RecordPayment("s-1", "pay-1", Eur(1100m), Day("2026-09-20"))),
            (At("2026-09-25 08:00"), new OpenDispute("s-2", "d-1", "inv-C", "quantity short")),
            (At("2026-10-05 10:00"), new SetInstalmentPlan("s-3", "inv-E", [new(Day("2026-11-01"), 400m), new(Day("2026-12-01"), 400m), new(Day("2027-01-01"), 400m)])),
            (At("2026-10-20 12:00"), new ResolveDispute("s-4", "d-1", DisputeOutcome.LenderFavour)),
            (At("2026-10-20 12:00"), new PromiseToPay("s-5", "pr-1", Day("2026-10-30"), Eur(900m), ["inv-D"])),
            (At("2026-10-28 12:00"), new RecordPayment("s-6", "pay-2", Eur(200m), Day("2026-10-28"), "inv-D")),
            (At("2026-11-01 08:00"), new WriteOffInvoice("s-7", "wo-1", "inv-B", Day("2026-11-01"), "customer in administration")),
            (At("2026-11-03 12:00"), new RecordPayment("s-8", "pay-3", Eur(400m), Day("2026-11-03"), "inv-E")),
        ]);

        var log = new ScenarioLog(account);
        var now = Start;
        while (now < End)
        {
            while (commands.Count > 0 && commands.Peek().At <= now)
            {
                account.Do(commands.Dequeue().Command, now);
            }

            var decision = account.Run(Policy, now);
            log.Record(decision);
            var next = now + wait(decision);
            if (commands.Count > 0 && commands.Peek().At < next)
            {
                next = commands.Peek().At;
            }

            now = next;
        }

        return log;
    }

    private sealed class ScenarioLog(Account account)
    {
        private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        public Account Account { get; } = account;

        public List<string> Notices { get; } = [];

        public List<string> Fees { get; } = [];

        public List<string> Escalations { get; } = [];

        public List<string> Ids { get; } = [];

        public void Record(DunningDecision decision)
        {
            var day = ZoneTime.LocalDate(decision.EvaluatedAt, London).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Notices.AddRange(decision.Notices.Select(n => $"{day} {n.Stage} {string.Join('+', n.Items.Select(i => i.ItemId))}"));
            Fees.AddRange(decision.Fees.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Id} {f.Amount.Amount}")));
            Escalations.AddRange(decision.Escalations.Select(e =>
                e.FollowUpBy is { } by
                    ? $"{Kebab(e.Kind)} {e.Stage} {string.Join('+', e.ItemIds)} follow-up {by:yyyy-MM-dd}"
                    : $"{Kebab(e.Kind)} {e.Stage} {string.Join('+', e.ItemIds)}"));
            Ids.AddRange(decision.Notices.Select(n => n.Id).Concat(decision.Fees.Select(f => f.Id)).Concat(decision.Escalations.Select(e => e.Id)));
        }

        private static string Kebab(EscalationKind kind) => kind switch
        {
            EscalationKind.CollectorTask => "collector-task",
            EscalationKind.CollectorNotification => "collector-notification",
            _ => "legal",
        };
    }
}
