namespace ArScale.Dunning.Tests.Ledger;

public class SnapshotTests
{
    [Fact]
    public void The_snapshot_shows_each_invoice_with_its_stage_and_next_action()
    {
        var account = AnAccount()
            .WithInvoice("inv-1", 1000m, due: "2026-11-20")
            .WithInvoice("inv-2", 300m, due: "2026-12-20")
            .WithDispute("d-1", "inv-2")
            .Build();
        var policy = APolicy().Build();
        account.Run(policy, At("2026-11-27 10:00"));

        var snapshot = AccountSnapshots.Of(account, policy, At("2026-11-28 10:00"));

        var first = snapshot.Invoices[0].Items.Single();
        Assert.Equal(("overdue-7", "overdue-15", At("2026-12-05 09:00")), (first.CurrentStage, first.NextStage, first.NextActionAt));
        Assert.Equal(InvoiceStatus.Disputed, snapshot.Invoices[1].Status);
        Assert.Equal("disputed", snapshot.Invoices[1].Items.Single().PausedBecause);
        Assert.Equal([Eur(1315m)], snapshot.Balances);
        Assert.Equal(At("2026-12-05 09:00"), snapshot.NextActionAt);
        Assert.Single(snapshot.Notices);
        Assert.Single(snapshot.Fees);
        Assert.Equal(1000m, snapshot.Aging.Single().Days1To30);
    }
}
