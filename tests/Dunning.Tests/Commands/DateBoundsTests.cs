namespace ArScale.Dunning.Tests.Commands;

/// <summary>
/// Dates are bounded relative to today in the account's calendar: ten years back, an invoice a year ahead, a due date
/// at most ten years after its issue. An issue date of 0001-01-01 would otherwise go straight to legal.
/// </summary>
public class DateBoundsTests
{
    private static readonly DateTimeOffset Now = At("2026-11-20 10:00");

    public static TheoryData<string, AccountCommand> OutOfBounds => new()
    {
        { "issueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("0001-01-01"), Day("0001-01-31")) },
        { "issueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2016-11-19"), Day("2016-12-19")) },
        { "issueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2027-11-21"), Day("2027-12-21")) },
        { "issueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("9999-12-31"), Day("9999-12-31")) },
        { "dueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Day("9999-12-31")) },
        { "dueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Day("2036-11-02")) },
        { "instalments[1].dueDate", new IssueInvoice("c", "inv-9", Eur(10m), Day("2026-11-01"), Instalments: [new(Day("2026-12-01"), 5m), new(Day("2040-01-01"), 5m)]) },
        { "instalments[0].dueDate", new SetInstalmentPlan("c", "inv-1", [new(Day("9999-12-31"), 1000m)]) },
        { "date", new RecordPayment("c", "pay-9", Eur(10m), Day("0001-01-01")) },
        { "date", new IssueCreditNote("c", "cn-9", Eur(10m), Day("0001-01-01"), "goodwill") },
        { "date", new IssueCreditNote("c", "cn-9", Eur(10m), Day("9999-12-31"), "goodwill") },
        { "date", new WriteOffInvoice("c", "wo-9", "inv-1", Day("9999-12-31"), "bad debt") },
        { "date", new PromiseToPay("c", "pr-9", Day("9999-12-31"), Eur(10m), ["inv-1"]) },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void A_date_out_of_bounds_is_rejected_naming_the_field_and_changes_nothing(string field, AccountCommand command)
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        var before = DunningJson.Serialize(account);

        var result = account.Execute(command, Now);

        Assert.Equal(field, Assert.IsType<CommandResult.Rejected>(result).Field);
        Assert.Equal(before, DunningJson.Serialize(account));
    }

    [Fact]
    public void Dates_on_the_bounds_are_accepted()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        account.Do(new IssueInvoice("c-1", "inv-old", Eur(10m), Day("2016-11-20"), Day("2026-11-20")), Now);
        account.Do(new IssueInvoice("c-2", "inv-ahead", Eur(10m), Day("2027-11-20"), Day("2037-11-20")), Now);
        account.Do(new RecordPayment("c-3", "pay-old", Eur(10m), Day("2016-11-20")), Now);
    }
}
