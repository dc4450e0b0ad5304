namespace ArScale.Dunning.Tests.Evaluation;

public class ArrangementTests
{
    private readonly DunningPolicy policy = APolicy().WithGraceDays(3);

    private static Account OverdueAccountWithPromise(string promisedFor = "2026-12-10", decimal amount = 1000m)
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Run(APolicy(), At("2026-11-27 10:00"));
        account.Do(new PromiseToPay("c-promise", "pr-1", Day(promisedFor), Eur(amount), ["inv-1"]), At("2026-11-28 10:00"));
        return account;
    }

    [Fact]
    public void A_promise_pauses_dunning_until_its_date_plus_grace()
    {
        var account = OverdueAccountWithPromise();

        var during = account.Run(policy, At("2026-12-05 10:00"));

        Assert.Empty(during.Notices);
        Assert.Equal(At("2026-12-14 09:00"), during.NextActionAt);
    }

    [Fact]
    public void A_kept_promise_is_recorded_and_gets_no_broken_promise_stage()
    {
        var account = OverdueAccountWithPromise();
        account.Do(new RecordPayment("c-pay", "pay-1", Eur(1000m), Day("2026-12-12")), At("2026-12-12 10:00"));

        var decision = account.Run(policy, At("2026-12-14 10:00"));

        Assert.Equal(PromiseStatus.Kept, Assert.Single(decision.Promises).Status);
        Assert.Empty(decision.Notices);
        Assert.Equal(1, account.State.History.PromisesKept);
    }

    [Fact]
    public void A_broken_promise_fires_the_broken_promise_stage_once_and_the_reached_stage_silently()
    {
        var account = OverdueAccountWithPromise();
        account.Do(new RecordPayment("c-pay", "pay-1", Eur(200m), Day("2026-12-12")), At("2026-12-12 10:00"));

        var broken = account.Run(policy, At("2026-12-14 09:00"));
        var after = account.Run(policy, At("2026-12-14 12:00"));

        Assert.Equal(PromiseStatus.Broken, Assert.Single(broken.Promises).Status);
        Assert.Equal("broken-promise", Assert.Single(broken.Notices).Stage);
        Assert.Equal([FeeKind.FlatFee, FeeKind.Interest], broken.Fees.Select(f => f.Kind).Order());
        Assert.Contains(broken.Escalations, e => e.Kind == EscalationKind.CollectorNotification);
        Assert.Contains(broken.StagesReached, s => s.Stage == "overdue-15");
        Assert.False(after.HasEffects(account));
        Assert.Equal(1, account.State.History.PromisesBroken);
    }

    [Fact]
    public void Without_a_broken_promise_stage_dunning_resumes_at_the_stage_reached()
    {
        var account = OverdueAccountWithPromise();

        var decision = account.Run(APolicy().WithoutBrokenPromiseStage(), At("2026-12-14 10:00"));

        Assert.Equal("overdue-15", Assert.Single(decision.Notices).Stage);
    }

    [Fact]
    public void An_open_dispute_pauses_the_invoice_and_a_lost_dispute_resumes_it()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").WithDispute("d-1", "inv-1").Build();
        var paused = account.Run(policy, At("2026-11-27 10:00"));
        account.Do(new ResolveDispute("c-resolve", "d-1", DisputeOutcome.LenderFavour), At("2026-11-30 10:00"));

        var resumed = account.Run(policy, At("2026-11-30 11:00"));

        Assert.Empty(paused.Notices);
        Assert.Equal("overdue-7", Assert.Single(resumed.Notices).Stage);
        Assert.Equal(1, account.State.History.DisputesLost);
    }

    [Fact]
    public void A_dispute_resolved_for_the_customer_credits_the_invoice()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").WithDispute("d-1", "inv-1").Build();

        account.Do(new ResolveDispute("c-resolve", "d-1", DisputeOutcome.CustomerFavour, Eur(300m)), At("2026-11-30 10:00"));

        Assert.Equal(700m, account.FindInvoice("inv-1")!.Outstanding);
        Assert.Equal(300m, account.FindInvoice("inv-1")!.Credited);
    }

    [Fact]
    public void Instalments_are_dunned_one_by_one_on_their_own_due_dates()
    {
        var account = AnAccount()
            .WithInstalmentInvoice("inv-1", "2026-10-01", ("2026-11-01", 300m), ("2026-12-01", 300m), ("2027-01-01", 400m))
            .Build();

        var first = account.Run(policy, At("2026-11-01 10:00"));
        var second = account.Run(policy, At("2026-12-01 10:00"));

        Assert.Equal(["inv-1/1"], first.Notices.Single().Items.Select(i => i.ItemId));
        Assert.Equal("due", first.Notices.Single().Stage);
        Assert.Equal(["collector-30", "due"], second.Notices.Select(n => n.Stage));
        Assert.Equal("inv-1/2", second.Notices[1].Items.Single().ItemId);
    }

    [Fact]
    public void Payments_complete_instalments_in_order()
    {
        var account = AnAccount()
            .WithInstalmentInvoice("inv-1", "2026-10-01", ("2026-11-01", 300m), ("2026-12-01", 300m))
            .WithPayment("pay-1", 450m, "2026-11-02")
            .Build();

        var items = account.FindInvoice("inv-1")!.Items();

        Assert.Equal([0m, 150m], items.Select(i => i.Outstanding.Amount));
    }

    [Fact]
    public void An_instalment_plan_replaces_an_overdue_invoice_due_date()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").WithPayment("pay-1", 400m, "2026-11-21").Build();
        account.Run(policy, At("2026-11-27 10:00"));

        account.Do(new SetInstalmentPlan("c-plan", "inv-1", [new(Day("2026-12-15"), 300m), new(Day("2027-01-15"), 300m)]), At("2026-11-28 10:00"));
        var decision = account.Run(policy, At("2026-12-15 10:00"));

        Assert.Equal("inv-1/1", decision.Notices.Single().Items.Single().ItemId);
        Assert.Equal("due", decision.Notices.Single().Stage);
    }

    [Fact]
    public void A_monthly_settlement_account_gets_a_statement_on_its_statement_day()
    {
        var account = AnAccount()
            .OnMonthlySettlement(statementDay: 25)
            .WithInvoice("inv-1", 100m, due: "2026-12-10", issued: "2026-11-03")
            .WithInvoice("inv-2", 200m, due: "2026-12-10", issued: "2026-11-12")
            .Build();

        var before = account.Run(policy, At("2026-11-24 10:00"));
        var on = account.Run(policy, At("2026-11-25 09:00"));
        var again = account.Run(policy, At("2026-11-25 10:00"));

        Assert.Empty(before.Statements);
        Assert.Equal(At("2026-11-25 09:00"), before.NextActionAt);
        var statement = Assert.Single(on.Statements);
        Assert.Equal("acc-1:statement:2026-11-25", statement.Id);
        Assert.Equal(["inv-1", "inv-2"], statement.Lines.Select(l => l.Id));
        Assert.Empty(again.Statements);
    }

    [Fact]
    public void Disputed_statement_items_pause_and_the_rest_is_dunned()
    {
        var account = AnAccount()
            .OnMonthlySettlement(statementDay: 25)
            .WithInvoice("inv-1", 100m, due: "2026-12-10", issued: "2026-11-03")
            .WithInvoice("inv-2", 200m, due: "2026-12-10", issued: "2026-11-12")
            .Build();
        account.Run(policy, At("2026-11-25 09:00"));

        account.Do(new DisputeStatement("c-ds", "acc-1:statement:2026-11-25", ["inv-2"], "price differs from order"), At("2026-11-26 10:00"));
        var due = account.Run(policy, At("2026-12-10 10:00"));

        Assert.Equal(["inv-1"], due.Notices.Single().Items.Select(i => i.InvoiceId));
        Assert.Equal(StatementStatus.Disputed, account.State.Statements.Single().Status);
    }

    [Fact]
    public void A_statement_can_be_confirmed_once()
    {
        var account = AnAccount().OnMonthlySettlement(25).WithInvoice("inv-1", 100m, due: "2026-12-10", issued: "2026-11-03").Build();
        account.Run(policy, At("2026-11-25 09:00"));

        account.Do(new ConfirmStatement("c-1", "acc-1:statement:2026-11-25"), At("2026-11-26 10:00"));
        var again = account.Execute(new ConfirmStatement("c-2", "acc-1:statement:2026-11-25"), At("2026-11-26 10:00"));

        Assert.Equal("statementId", Assert.IsType<CommandResult.Rejected>(again).Field);
    }
}
