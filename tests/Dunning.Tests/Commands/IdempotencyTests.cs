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
    public void A_late_retry_within_the_window_is_a_duplicate_however_many_commands_came_in_between()
    {
        var account = AnAccount().Build();
        var first = new UpsertProfile("c-profile-1", AnAccount().InLocale("zh-CN").Profile());
        account.Do(first, Now);
        for (var i = 0; i < 300; i++)
        {
            account.Do(new AddCollectionNote($"note-{i}", "anna", "called, no answer"), Now.AddDays(1));
        }

        account.Do(new UpsertProfile("c-profile-2", AnAccount().InLocale("en").Profile()), Now.AddDays(2));

        Assert.IsType<CommandResult.Duplicate>(account.Execute(first, Now.AddDays(AccountLimits.CommandRetentionDays - 1)));
        Assert.Equal("en", account.Profile!.Locale);
    }

    [Fact]
    public void A_command_id_is_forgotten_once_the_window_has_passed()
    {
        var account = AnAccount().Build();
        account.Do(new AddCollectionNote("c-note-1", "anna", "called, no answer"), Now);

        account.Do(new AddCollectionNote("c-note-2", "anna", "called again"), Now.AddDays(AccountLimits.CommandRetentionDays + 1));

        Assert.DoesNotContain(account.State.ProcessedCommands, p => p.CommandId == "c-note-1");
        Assert.Contains(account.State.ProcessedCommands, p => p.CommandId == "c-note-2");
    }

    [Fact]
    public void Ids_stored_without_a_time_still_load_and_are_kept_a_full_window_from_the_next_command()
    {
        var stored = AnAccount().Build().State;
        stored.ProcessedCommands = [new ProcessedCommand("c-old", "fingerprint")];
        var json = System.Text.Json.JsonSerializer.Serialize(stored, DunningJson.Options).Replace(",\"at\":null", string.Empty, StringComparison.Ordinal);
        var account = DunningJson.DeserializeAccount(json);

        account.Do(new AddCollectionNote("c-note-1", "anna", "called, no answer"), Now);
        account.Do(new AddCollectionNote("c-note-2", "anna", "called again"), Now.AddDays(AccountLimits.CommandRetentionDays - 1));

        Assert.DoesNotContain("\"at\"", json, StringComparison.Ordinal);
        Assert.Contains(account.State.ProcessedCommands, p => p.CommandId == "c-old");
    }
}
