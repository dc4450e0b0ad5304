using System.Globalization;
using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using ArScale.Scenarios;
using ArScale.Silo.Accounts;
using LegalEscalation = ArScale.Contracts.Events.LegalEscalation;
using NoticeDue = ArScale.Contracts.Events.NoticeDue;

namespace ArScale.Silo.Tests.Accounts;

[CollectionDefinition(nameof(HundredTwentyDaysCluster))]
public sealed class HundredTwentyDaysCluster : ICollectionFixture<HundredTwentyDaysClusterFixture>;

/// <summary>
/// A cluster of its own, because the scenario moves its clock through most of 2026. Its one policy is the domain
/// scenario's test policy written as a file: e-mail only, no stage conditions (the real standard policy adds SMS and
/// letter channels, which would change the notices the scenario expects).
/// </summary>
public sealed class HundredTwentyDaysClusterFixture()
    : AccountClusterFixture(new SimulatedCalendar(HundredTwentyDaysOnTheGrainTests.AccountOpened), policyFolder: "Accounts/ScenarioPolicies")
{
    public SimulatedCalendar Calendar => (SimulatedCalendar)Clock;
}

/// <summary>
/// The domain's 120-day scenario (Dunning.Tests, Scenarios/HundredTwentyDaysTests) through one account grain: the same
/// commands at the same instants, the clock moved hour by hour, and the reminder fired the way the reminder service
/// fires it. What the rest of the system sees is the published events, so that is what is checked.
/// </summary>
[Collection(nameof(HundredTwentyDaysCluster))]
public sealed class HundredTwentyDaysOnTheGrainTests(HundredTwentyDaysClusterFixture cluster)
{
    public static readonly DateTimeOffset AccountOpened = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string AccountId = "acc-1";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateTimeOffset Start = At("2026-09-01 00:00");
    private static readonly DateTimeOffset End = Start.AddDays(120);

    /// <summary>
    /// The domain scenario's account as its builder makes it (the profile when the account opens, each invoice at
    /// 23:00 UTC on its issue day), then the scenario's own commands.
    /// </summary>
    private static readonly (DateTimeOffset At, AccountCommand Command)[] Timeline =
    [
        (AccountOpened, new UpsertProfile("profile-1", new AccountProfile(
            "Customer Ltd",
            [new Contact(ContactKind.Email, "ap@customer.example"), new Contact(ContactKind.Phone, "+44 20 7946 0000")],
            "en",
            "Europe/London",
            Segment.Standard,
            null,
            PaymentTerms.NetDaysFromIssue(30),
            "collector-7",
            AccountFlags.None))),
        (EndOf("2026-08-11"), new IssueInvoice("cmd-1", "inv-A", Eur(1000m), Day("2026-08-11"), Day("2026-09-10"))),
        (EndOf("2026-08-12"), new IssueInvoice("cmd-2", "inv-B", Eur(400m), Day("2026-08-12"), Day("2026-09-10"))),
        (EndOf("2026-09-01"), new IssueInvoice("cmd-3", "inv-C", Eur(600m), Day("2026-09-01"), Day("2026-10-01"))),
        (EndOf("2026-09-15"), new IssueInvoice("cmd-4", "inv-D", Eur(900m), Day("2026-09-15"), Day("2026-10-15"))),
        (At("2026-09-20 12:00"), new RecordPayment("s-1", "pay-1", Eur(1100m), Day("2026-09-20"))),
        (At("2026-09-25 08:00"), new OpenDispute("s-2", "d-1", "inv-C", "quantity short")),
        (EndOf("2026-10-01"), new IssueInvoice("cmd-5", "inv-E", Eur(1200m), Day("2026-10-01"), Day("2026-10-31"))),
        (At("2026-10-05 10:00"), new SetInstalmentPlan("s-3", "inv-E", [new(Day("2026-11-01"), 400m), new(Day("2026-12-01"), 400m), new(Day("2027-01-01"), 400m)])),
        (At("2026-10-20 12:00"), new ResolveDispute("s-4", "d-1", DisputeOutcome.LenderFavour)),
        (At("2026-10-20 12:00"), new PromiseToPay("s-5", "pr-1", Day("2026-10-30"), Eur(900m), ["inv-D"])),
        (At("2026-10-28 12:00"), new RecordPayment("s-6", "pay-2", Eur(200m), Day("2026-10-28"), "inv-D")),
        (At("2026-11-01 08:00"), new WriteOffInvoice("s-7", "wo-1", "inv-B", Day("2026-11-01"), "customer in administration")),
        (At("2026-11-03 12:00"), new RecordPayment("s-8", "pay-3", Eur(400m), Day("2026-11-03"), "inv-E")),
    ];

    private DateTimeOffset Now => cluster.Calendar.GetUtcNow();

    [Fact]
    public async Task Living_through_the_120_days_publishes_exactly_the_notices_fees_and_escalations_of_the_domain_scenario_once_each()
    {
        var account = cluster.Grains.GetGrain<IAccountGrain>(AccountId);

        await LiveHourByHourUntil(End, account);

        var published = EventsPublishedFor(AccountId);
        Assert.Empty(IdsPublishedMoreThanOnce(published));
        Assert.Equal(HundredTwentyDaysExpected.Notices, Distinct<NoticeDue>(published).Select(Describe));
        Assert.Equal(HundredTwentyDaysExpected.Fees, Distinct<FeePosted>(published).Select(Describe));
        Assert.Equal(HundredTwentyDaysExpected.Escalations, Distinct<IAccountEvent>(published).Select(DescribeEscalation).OfType<string>());
    }

    /// <summary>
    /// Each hour: the commands whose time has come, then the reminder if the account's next action is due (delivered
    /// twice, as a reminder service may), plus one spurious tick every night at 03:00, when the window is shut and
    /// nothing may fire, so a spurious tick cannot stand in for a missed reminder.
    /// </summary>
    private async Task LiveHourByHourUntil(DateTimeOffset end, IAccountGrain account)
    {
        var commands = new Queue<(DateTimeOffset At, AccountCommand Command)>(Timeline);
        DateTimeOffset? nextAction = null;
        while (Now < end)
        {
            while (commands.TryPeek(out var next) && next.At <= Now)
            {
                await ExecuteAccepted(account, commands.Dequeue().Command);
                nextAction = await NextActionOf(account);
            }

            if (nextAction is { } due && due <= Now)
            {
                await FireTheReminder(account);
                await FireTheReminder(account);
                nextAction = await NextActionOf(account);
            }
            else if (TimeZoneInfo.ConvertTime(Now, London).Hour == 3)
            {
                await FireTheReminder(account);
            }

            cluster.Calendar.Advance(TimeSpan.FromHours(1));
        }
    }

    private static async Task ExecuteAccepted(IAccountGrain account, AccountCommand command)
    {
        var result = await account.Execute(command);
        Assert.True(result is CommandResult.Accepted, $"{command.GetType().Name} {command.CommandId} was not accepted: {result}");
    }

    private static async Task<DateTimeOffset?> NextActionOf(IAccountGrain account) => (await account.GetSnapshot()).NextActionAt;

    /// <summary>What the reminder service does when the account's reminder comes due.</summary>
    private Task FireTheReminder(IAccountGrain account) =>
        account.AsReference<IRemindable>().ReceiveReminder(
            AccountGrain.ReminderName, new TickStatus(Now.UtcDateTime, TimeSpan.FromMinutes(5), Now.UtcDateTime));

    private List<IAccountEvent> EventsPublishedFor(string accountId) =>
        [.. cluster.Bus.Published.Select(message => (IAccountEvent)message.Materialize().Message).Where(e => e.AccountId == accountId)];

    private static List<string> IdsPublishedMoreThanOnce(List<IAccountEvent> published) =>
        [.. published.GroupBy(e => e.EventId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];

    /// <summary>A republished outbox entry carries the same id, so the events that happened are the distinct ids.</summary>
    private static IEnumerable<TEvent> Distinct<TEvent>(List<IAccountEvent> published)
        where TEvent : IAccountEvent =>
        published.OfType<TEvent>().DistinctBy(e => e.EventId, StringComparer.Ordinal);

    private static string Describe(NoticeDue notice) =>
        $"{ZoneTime.LocalDate(notice.OccurredAt, London):yyyy-MM-dd} {notice.Stage} {string.Join('+', notice.Invoices.Select(i => i.ItemId))}";

    private static string Describe(FeePosted fee) => string.Create(CultureInfo.InvariantCulture, $"{fee.Fee.FeeId} {fee.Fee.Amount}");

    private static string? DescribeEscalation(IAccountEvent published) => published switch
    {
        CollectorTaskCreated task =>
            $"{(task.NotifyOnly ? "collector-notification" : "collector-task")} {task.Stage} {string.Join('+', task.InvoiceIds)} follow-up {task.FollowUpBy:yyyy-MM-dd}",

        // The legal event names no stage; its id does (account:stage:items:date:legal).
        LegalEscalation legal => $"legal {legal.CaseId.Split(':')[1]} {string.Join('+', legal.ItemIds)}",
        _ => null,
    };

    private static DateOnly Day(string yyyyMmDd) => DateOnly.Parse(yyyyMmDd, CultureInfo.InvariantCulture);

    private static DateTimeOffset EndOf(string yyyyMmDd) => new(Day(yyyyMmDd).ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero);

    /// <summary>A wall-clock time in London.</summary>
    private static DateTimeOffset At(string local)
    {
        var parsed = DateTime.Parse(local, CultureInfo.InvariantCulture);
        return ZoneTime.ToInstant(DateOnly.FromDateTime(parsed), TimeOnly.FromDateTime(parsed), London);
    }

    private static Money Eur(decimal amount) => new(amount, "EUR");
}
