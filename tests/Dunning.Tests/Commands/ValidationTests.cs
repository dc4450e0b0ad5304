namespace ArScale.Dunning.Tests.Commands;

public class ValidationTests
{
    private static readonly DateTimeOffset Now = At("2026-11-20 10:00");

    public static TheoryData<string, AccountCommand> BadCommands => new()
    {
        { "amount", new IssueInvoice("c", "inv-9", Eur(0m), Day("2026-11-01"), Day("2026-12-01")) },
        { "amount", new IssueInvoice("c", "inv-9", Eur(-5m), Day("2026-11-01"), Day("2026-12-01")) },
        { "amount", new IssueInvoice("c", "inv-9", Eur(10.001m), Day("2026-11-01"), Day("2026-12-01")) },
        { "amount.currency", new IssueInvoice("c", "inv-9", new Money(10m, "EUD"), Day("2026-11-01"), Day("2026-12-01")) },
        { "dueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Day("2026-10-31")) },
        { "invoiceId", new IssueInvoice("c", "inv 9", Eur(10m), Day("2026-11-01"), Day("2026-12-01")) },
        { "instalments", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Instalments: [new(Day("2026-12-01"), 4m)]) },
        { "instalments[1].dueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Instalments: [new(Day("2026-12-01"), 5m), new(Day("2026-12-01"), 5m)]) },
        { "amount", new RecordPayment("c", "pay-9", Eur(0m), Day("2026-11-19")) },
        { "amount.currency", new RecordPayment("c", "pay-9", new Money(10m, "USD"), Day("2026-11-19")) },
        { "amount.currency", new RecordPayment("c", "pay-9", new Money(10m, "XYZ"), Day("2026-11-19")) },
        { "invoiceId", new RecordPayment("c", "pay-9", Eur(10m), Day("2026-11-19"), "inv-404") },
        { "date", new RecordPayment("c", "pay-9", Eur(10m), Day("2026-11-30")) },
        { "reason", new IssueCreditNote("c", "cn-9", Eur(10m), Day("2026-11-19"), "") },
        { "invoiceId", new OpenDispute("c", "d-9", "inv-404", "wrong goods") },
        { "reason", new OpenDispute("c", "d-9", "inv-1", " ") },
        { "disputeId", new ResolveDispute("c", "d-404", DisputeOutcome.LenderFavour) },
        { "date", new PromiseToPay("c", "pr-9", Day("2026-11-01"), Eur(10m), ["inv-1"]) },
        { "invoiceIds", new PromiseToPay("c", "pr-9", Day("2026-12-01"), Eur(10m), []) },
        { "invoiceIds[0]", new PromiseToPay("c", "pr-9", Day("2026-12-01"), Eur(10m), ["inv-404"]) },
        { "instalments", new SetInstalmentPlan("c", "inv-1", [new(Day("2026-12-01"), 10m)]) },
        { "invoiceId", new SetInstalmentPlan("c", "inv-404", [new(Day("2026-12-01"), 10m)]) },
        { "statementId", new ConfirmStatement("c", "acc-1:statement:2026-11-25") },
        { "amount", new WriteOffInvoice("c", "wo-9", "inv-1", Day("2026-11-20"), "bad debt", Eur(5000m)) },
        { "invoiceId", new WriteOffInvoice("c", "wo-9", "inv-404", Day("2026-11-20"), "bad debt") },
        { "collectorId", new AssignCollector("c", "") },
        { "text", new AddCollectionNote("c", "anna", "") },
        { "noticeId", new RecordNoticeOutcome("c", "acc-2:due:inv-1:2026-11-20:email", Channel.Email, NoticeOutcome.Sent, Now) },
        { "profile.timeZone", new UpsertProfile("c", AnAccount().InZone("Mars/Olympus").Profile()) },
        { "profile.locale", new UpsertProfile("c", AnAccount().InLocale("fr-FR").Profile()) },
        { "profile.terms.statementDay", new UpsertProfile("c", AnAccount().OnMonthlySettlement(31).Profile()) },
        { "profile.creditLimit.currency", new UpsertProfile("c", AnAccount().WithCreditLimit(10m, "ABC").Profile()) },
        { "commandId", new AssignCollector("", "collector-1") },
        { "amount", new IssueInvoice("c", "inv-9", Eur(5e28m), Day("2026-11-01"), Day("2026-12-01")) },
        { "amount", new IssueInvoice("c", "inv-9", new Money(1.5m, "JPY"), Day("2026-11-01"), Day("2026-12-01")) },
        { "instalments[0].amount", new SetInstalmentPlan("c", "inv-1", [new(Day("2026-12-01"), 2e12m), new(Day("2027-01-01"), -2e12m + 1000m)]) },
        { "amount", new RecordPayment("c", "pay-9", Eur(1e13m), Day("2026-11-19")) },
        { "amount", new IssueCreditNote("c", "cn-9", Eur(1e13m), Day("2026-11-19"), "goodwill") },
        { "amount", new PromiseToPay("c", "pr-9", Day("2026-12-01"), Eur(1e13m), ["inv-1"]) },
        { "profile.creditLimit", new UpsertProfile("c", AnAccount().WithCreditLimit(1e16m).Profile()) },
        { "profile.creditLimit", new UpsertProfile("c", AnAccount().WithCreditLimit(10.005m).Profile()) },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public void Bad_input_is_rejected_naming_the_field_and_changes_nothing(string field, AccountCommand command)
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        var before = DunningJson.Serialize(account);

        var result = account.Execute(command, Now);

        Assert.Equal(field, Assert.IsType<CommandResult.Rejected>(result).Field);
        Assert.Equal(before, DunningJson.Serialize(account));
    }

    [Fact]
    public void Commands_before_a_profile_are_rejected()
    {
        var account = new Account("acc-1");

        var result = account.Execute(new IssueInvoice("c", "inv-1", Eur(10m), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.Equal("profile", Assert.IsType<CommandResult.Rejected>(result).Field);
    }
}
