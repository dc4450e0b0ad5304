using System.Globalization;
using ArScale.Dunning;

namespace ArScale.Benchmarks.Scenarios;

/// <summary>
/// An account as a reminder finds it in production: open invoices spread over every stage of the policy, some
/// partly paid, a history of paid invoices, and the notices, fees and escalations that daily reminders left behind.
/// </summary>
/// <remarks>
/// The history is replayed, not written by hand: every invoice is issued and paid through commands, and the account
/// is evaluated and applied once a day at 10:00 local up to yesterday, so the stored progress, fees and bounded
/// lists are exactly what the grain would hold. Today's evaluation is left to the benchmark.
/// </remarks>
public static class OverdueAccount
{
    public const string Zone = "Europe/London";

    /// <summary>One in five open invoices reaches a stage today, so a reminder firing now has work to do.</summary>
    private static readonly int[] DaysPastDueReachingAStageToday = [7, 15, 30, 0, 60, -3];

    /// <summary>The others sit between stages: they are dunned already, or not yet, but nothing is due for them today.</summary>
    private static readonly int[] DaysPastDueBetweenStages = [2, 10, 20, 45, 70, -1, 4, 12, 25, 50];

    private const int HistoryDays = 120;

    public static DateOnly Today { get; } = new(2026, 11, 20);

    /// <summary>10:00 in London, inside the standard policy's 09:00–18:00 window.</summary>
    public static DateTimeOffset Now { get; } = LocalTime(Today, new TimeOnly(10, 0));

    /// <summary>
    /// <paramref name="openInvoices"/> unpaid invoices (every fourth one partly paid) and half as many invoices
    /// paid in full in the last four months.
    /// </summary>
    public static Account Build(int openInvoices, DunningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var timeline = new Timeline();
        var account = new Account($"acc-{openInvoices}");

        for (var i = 0; i < openInvoices; i++)
        {
            var daysPastDue = i % 5 == 0
                ? DaysPastDueReachingAStageToday[i / 5 % DaysPastDueReachingAStageToday.Length]
                : DaysPastDueBetweenStages[i % DaysPastDueBetweenStages.Length];
            var due = Today.AddDays(-daysPastDue);
            var amount = 100m + (i * 53 % 900) + 0.45m;
            var invoiceId = $"inv-{i + 1:D4}";
            timeline.Issue(invoiceId, amount, due);
            if (i % 4 == 1 && daysPastDue >= 3)
            {
                timeline.Pay($"pay-{invoiceId}", decimal.Round(amount * 0.3m, 2), due.AddDays(2), invoiceId);
            }
        }

        for (var i = 0; i < openInvoices / 2; i++)
        {
            var due = Today.AddDays(-90 + (i * 11 % 80));
            var amount = 250m + (i * 37 % 500);
            var invoiceId = $"old-{i + 1:D4}";
            timeline.Issue(invoiceId, amount, due);
            timeline.Pay($"pay-{invoiceId}", amount, due.AddDays(i % 3 == 0 ? 9 : -2), invoiceId);
        }

        for (var day = Today.AddDays(-HistoryDays); day < Today; day = day.AddDays(1))
        {
            timeline.Tick(LocalTime(day, new TimeOnly(10, 0)));
        }

        timeline.Replay(account, policy);
        return account;
    }

    public static AccountProfile Profile() => new(
        "Customer Ltd",
        [new(ContactKind.Email, "ap@customer.example"), new(ContactKind.Phone, "+44 20 7946 0000")],
        "en",
        Zone,
        Segment.Standard,
        new Money(250_000m, "EUR"),
        PaymentTerms.NetDaysFromIssue(30),
        "collector-7");

    private static DateTimeOffset LocalTime(DateOnly day, TimeOnly time) =>
        ZoneTime.ToInstant(day, time, TimeZoneInfo.FindSystemTimeZoneById(Zone));

    private static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero);

    private sealed class Timeline
    {
        private readonly List<(DateTimeOffset At, int Order, Action<Account, DunningPolicy> Step)> steps = [];
        private int commands;

        public void Issue(string invoiceId, decimal amount, DateOnly due)
        {
            var issued = due.AddDays(-30);
            var command = new IssueInvoice(NextCommandId(), invoiceId, new Money(amount, "EUR"), issued, due);
            Add(EndOf(issued), (account, _) => Execute(account, command, EndOf(issued)));
        }

        public void Pay(string paymentId, decimal amount, DateOnly date, string invoiceId)
        {
            var command = new RecordPayment(NextCommandId(), paymentId, new Money(amount, "EUR"), date, invoiceId);
            Add(EndOf(date), (account, _) => Execute(account, command, EndOf(date)));
        }

        public void Tick(DateTimeOffset at) =>
            Add(at, (account, policy) => account.Apply(PolicyEvaluator.Evaluate(account, policy, at)));

        public void Replay(Account account, DunningPolicy policy)
        {
            Execute(account, new UpsertProfile(NextCommandId(), Profile()), Now.AddDays(-HistoryDays - 60));
            foreach (var step in steps.OrderBy(s => s.At).ThenBy(s => s.Order))
            {
                step.Step(account, policy);
            }
        }

        private void Add(DateTimeOffset at, Action<Account, DunningPolicy> step) => steps.Add((at, steps.Count, step));

        private string NextCommandId() => string.Create(CultureInfo.InvariantCulture, $"cmd-{++commands}");

        private static void Execute(Account account, AccountCommand command, DateTimeOffset now)
        {
            if (account.Execute(command, now) is not CommandResult.Accepted)
            {
                throw new InvalidOperationException($"The scenario's {command.GetType().Name} {command.CommandId} was not accepted.");
            }
        }
    }
}
