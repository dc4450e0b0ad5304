namespace ArScale.Dunning.Tests.Evaluation;

public class PaymentReanchoringTests
{
    private readonly DunningPolicy policy = APolicy();

    [Fact]
    public void Partial_payment_keeps_the_stage_reached_and_the_next_stage_comes_in_order()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Run(policy, At("2026-11-27 10:00"));
        account.Do(new RecordPayment("c-pay", "pay-1", Eur(600m), Day("2026-11-28")), At("2026-11-28 10:00"));

        var sameDay = account.Run(policy, At("2026-11-28 11:00"));
        var next = account.Run(policy, At("2026-12-05 10:00"));

        Assert.Empty(sameDay.Notices);
        Assert.Equal("overdue-15", Assert.Single(next.Notices).Stage);
        Assert.Equal(Eur(400m), next.Notices[0].Items.Single().Outstanding);
    }

    [Fact]
    public void Partial_payment_reanchors_on_the_oldest_unpaid_invoice()
    {
        var account = AnAccount()
            .WithInvoice("inv-old", 500m, due: "2026-11-01")
            .WithInvoice("inv-new", 800m, due: "2026-11-25")
            .Build();
        account.Run(policy, At("2026-11-16 10:00"));
        account.Do(new RecordPayment("c-pay", "pay-1", Eur(700m), Day("2026-11-17")), At("2026-11-17 10:00"));

        var decision = account.Run(policy, At("2026-11-17 11:00"));

        Assert.Equal(0m, account.FindInvoice("inv-old")!.Outstanding);
        Assert.Equal(600m, account.FindInvoice("inv-new")!.Outstanding);
        Assert.Empty(decision.Notices);
        Assert.Equal(At("2026-11-22 09:00"), decision.NextActionAt);
        var courtesy = account.Run(policy, At("2026-11-22 09:00"));
        Assert.Equal(("courtesy", "inv-new"), (courtesy.Notices.Single().Stage, courtesy.Notices.Single().Items.Single().InvoiceId));
    }

    [Fact]
    public void Untargeted_payment_settles_the_oldest_due_invoice_first()
    {
        var account = AnAccount()
            .WithInvoice("inv-b", 300m, due: "2026-11-10")
            .WithInvoice("inv-a", 300m, due: "2026-11-01")
            .WithPayment("pay-1", 400m, "2026-11-12")
            .Build();

        Assert.Equal(0m, account.FindInvoice("inv-a")!.Outstanding);
        Assert.Equal(200m, account.FindInvoice("inv-b")!.Outstanding);
    }

    [Fact]
    public void Two_invoices_reaching_a_stage_on_the_same_day_give_one_notice_listing_both()
    {
        var account = AnAccount()
            .WithInvoice("inv-1", 100m, due: "2026-11-20")
            .WithInvoice("inv-2", 250m, due: "2026-11-20")
            .Build();

        var decision = account.Run(policy, At("2026-11-27 10:00"));

        var notice = Assert.Single(decision.Notices);
        Assert.Equal(["inv-1", "inv-2"], notice.Items.Select(i => i.InvoiceId));
        Assert.Equal("acc-1:overdue-7:inv-1+1-more-ddee3049d2de27d1:2026-11-20:email", notice.Id);
        Assert.Equal(2, decision.Fees.Count);
    }

    [Fact]
    public void Invoices_at_different_stages_get_separate_notices()
    {
        var account = AnAccount()
            .WithInvoice("inv-1", 100m, due: "2026-11-20")
            .WithInvoice("inv-2", 250m, due: "2026-11-27")
            .Build();
        account.Run(policy, At("2026-11-20 10:00"));

        var decision = account.Run(policy, At("2026-11-27 10:00"));

        Assert.Equal(["overdue-7", "due"], decision.Notices.Select(n => n.Stage));
    }
}
