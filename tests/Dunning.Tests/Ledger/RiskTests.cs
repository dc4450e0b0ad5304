namespace ArScale.Dunning.Tests.Ledger;

public class RiskTests
{
    [Fact]
    public void Exceeding_the_credit_limit_warns_once_per_crossing()
    {
        var account = AnAccount().WithCreditLimit(1000m).WithInvoice("inv-1", 800m, due: "2026-12-20").Build();
        var policy = APolicy().Build();
        Assert.Empty(account.Run(policy, At("2026-11-20 10:00")).RiskWarnings);

        account.Do(new IssueInvoice("c-2", "inv-2", Eur(500m), Day("2026-11-20"), Day("2026-12-20")), At("2026-11-20 11:00"));
        var crossed = account.Run(policy, At("2026-11-20 12:00"));
        var still = account.Run(policy, At("2026-11-21 12:00"));
        account.Do(new RecordPayment("c-3", "pay-1", Eur(500m), Day("2026-11-22")), At("2026-11-22 10:00"));
        account.Run(policy, At("2026-11-22 12:00"));
        account.Do(new IssueInvoice("c-4", "inv-3", Eur(600m), Day("2026-11-23"), Day("2026-12-23")), At("2026-11-23 10:00"));
        var crossedAgain = account.Run(policy, At("2026-11-23 12:00"));

        Assert.Equal(RiskKind.OverCreditLimit, Assert.Single(crossed.RiskWarnings).Kind);
        Assert.Empty(still.RiskWarnings);
        Assert.Single(crossedAgain.RiskWarnings);
    }

    [Fact]
    public void A_score_falling_below_the_threshold_warns_once()
    {
        var account = AnAccount().WithInvoice("inv-1", 800m, due: "2026-06-01").Build();
        account.State.History.PromisesBroken = 3;
        account.State.History.DisputesLost = 2;

        var first = account.Run(APolicy(), At("2026-11-20 10:00"));
        var second = account.Run(APolicy(), At("2026-11-21 10:00"));

        Assert.Equal(RiskKind.ScoreBelowThreshold, Assert.Single(first.RiskWarnings).Kind);
        Assert.Empty(second.RiskWarnings);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, 850)]
    [InlineData(10, 0, 0, 0, 0, 900)]
    [InlineData(10, 10, 100, 0, 0, 650)]
    [InlineData(0, 0, 0, 1, 0, 770)]
    [InlineData(0, 0, 0, 0, 1, 790)]
    public void The_credit_score_follows_payment_history(int paid, int late, int daysLate, int broken, int lost, int expected)
    {
        var history = new PaymentHistory { ItemsPaid = paid, ItemsPaidLate = late, TotalDaysLate = daysLate, PromisesBroken = broken, DisputesLost = lost };

        Assert.Equal(expected, CreditScore.Calculate(history, daysPastDueOfOldestUnpaid: 0));
    }
}
