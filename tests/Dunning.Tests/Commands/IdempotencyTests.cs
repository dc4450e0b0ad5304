namespace ArScale.Dunning.Tests.Commands;

public class IdempotencyTests
{
    private static readonly DateTimeOffset Now = At("2026-11-20 10:00");

    [Fact]
    public void A_replayed_command_is_a_duplicate_and_changes_nothing()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        var payment = new RecordPayment("c-pay", "pay-1", Eur(100m), Day("2026-11-19"));
        account.Do(payment, Now);
        var after = DunningJson.Serialize(account);

        var replay = account.Execute(payment, Now.AddHours(1));

        Assert.IsType<CommandResult.Duplicate>(replay);
        Assert.Equal(after, DunningJson.Serialize(account));
        Assert.Equal(900m, account.FindInvoice("inv-1")!.Outstanding);
    }

    [Fact]
    public void The_same_command_id_with_other_content_is_a_conflict()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Do(new RecordPayment("c-pay", "pay-1", Eur(100m), Day("2026-11-19")), Now);

        var result = account.Execute(new RecordPayment("c-pay", "pay-1", Eur(200m), Day("2026-11-19")), Now);

        Assert.IsType<CommandResult.Conflict>(result);
        Assert.Equal(900m, account.FindInvoice("inv-1")!.Outstanding);
    }

    [Fact]
    public void An_invoice_reissued_under_a_new_command_id_is_a_duplicate_when_identical_and_a_conflict_when_not()
    {
        var account = AnAccount().Build();
        account.Do(new IssueInvoice("c-1", "inv-1", Eur(10m), Day("2026-11-01"), Day("2026-12-01")), Now);

        var same = account.Execute(new IssueInvoice("c-2", "inv-1", Eur(10m), Day("2026-11-01"), Day("2026-12-01")), Now);
        var different = account.Execute(new IssueInvoice("c-3", "inv-1", Eur(11m), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.IsType<CommandResult.Duplicate>(same);
        Assert.IsType<CommandResult.Conflict>(different);
        Assert.Single(account.State.Invoices);
    }

    [Fact]
    public void Remembered_command_ids_are_bounded()
    {
        var account = AnAccount().Build();

        for (var i = 0; i < AccountLimits.ProcessedCommands + 50; i++)
        {
            account.Do(new AddCollectionNote($"note-{i}", "anna", "called, no answer"), Now);
        }

        Assert.Equal(AccountLimits.ProcessedCommands, account.State.ProcessedCommands.Count);
        Assert.Equal(AccountLimits.Notes, account.State.Notes.Count);
    }
}
