namespace ArScale.Dunning.Tests.Evaluation;

public class StageFiringTests
{
    private readonly DunningPolicy policy = APolicy();

    [Theory]
    [InlineData("2026-11-16 12:00", null)]
    [InlineData("2026-11-17 12:00", "courtesy")]
    [InlineData("2026-11-20 12:00", "due")]
    [InlineData("2026-11-27 12:00", "overdue-7")]
    [InlineData("2026-12-05 12:00", "overdue-15")]
    [InlineData("2026-12-20 12:00", "collector-30")]
    [InlineData("2027-01-19 12:00", "legal-60")]
    public void A_single_evaluation_fires_the_stage_the_due_date_has_reached(string now, string? stage)
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var decision = PolicyEvaluator.Evaluate(account, policy, At(now));

        Assert.Equal(stage, decision.Notices.SingleOrDefault()?.Stage);
    }

    [Fact]
    public void Notice_ids_are_built_from_account_stage_items_and_due_date()
    {
        var account = AnAccount().WithInvoice("inv-9", 100m, due: "2026-11-20").Build();

        var decision = PolicyEvaluator.Evaluate(account, policy, At("2026-11-27 10:00"));

        Assert.Equal("acc-1:overdue-7:inv-9:2026-11-20:email", decision.Notices.Single().Id);
        Assert.Equal("acc-1:overdue-7:inv-9:2026-11-20:flat-fee", decision.Fees.Single().Id);
    }

    [Fact]
    public void The_same_firing_computed_twice_has_the_same_ids()
    {
        var first = AnAccount().WithInvoice("inv-9", 100m, due: "2026-11-20").Build();
        var second = AnAccount().WithInvoice("inv-9", 100m, due: "2026-11-20").Build();

        var a = PolicyEvaluator.Evaluate(first, policy, At("2026-11-27 10:00"));
        var b = PolicyEvaluator.Evaluate(second, policy, At("2026-11-27 15:00"));

        Assert.Equal(a.Notices.Select(n => n.Id), b.Notices.Select(n => n.Id));
        Assert.Equal(a.Fees.Select(f => f.Id), b.Fees.Select(f => f.Id));
    }

    [Fact]
    public void Hundred_evaluations_in_a_row_post_a_fee_once()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Run(policy, At("2026-11-20 10:00"));

        var fees = Enumerable.Range(0, 100)
            .SelectMany(i => account.Run(policy, At("2026-11-27 09:00").AddMinutes(i)).Fees)
            .ToList();

        Assert.Single(fees);
        Assert.Single(account.State.Fees);
        Assert.Equal(Eur(15m), account.State.Fees[0].Amount);
    }

    [Fact]
    public void Reevaluating_at_the_same_instant_yields_nothing_new()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        var first = account.Run(policy, At("2026-11-27 10:00"));

        var again = PolicyEvaluator.Evaluate(account, policy, At("2026-11-27 10:00"));

        Assert.NotEmpty(first.Notices);
        Assert.False(again.HasEffects(account));
        Assert.Equal(first.NextActionAt, again.NextActionAt);
    }

    [Fact]
    public void Next_action_is_the_next_stage_at_the_opening_of_the_send_window()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var decision = account.Run(policy, At("2026-11-20 10:00"));

        Assert.Equal(At("2026-11-27 09:00"), decision.NextActionAt);
    }

    [Fact]
    public void Next_action_is_null_when_nothing_is_pending()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").WithPayment("pay-1", 1000m, "2026-11-19").Build();

        var decision = PolicyEvaluator.Evaluate(account, policy, At("2026-11-19 12:00"));

        Assert.Null(decision.NextActionAt);
    }

    [Fact]
    public void A_stage_fires_at_most_once_per_invoice()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var notices = Enumerable.Range(0, 24 * 10)
            .SelectMany(h => account.Run(policy, At("2026-11-17 00:00").AddHours(h)).Notices)
            .Select(n => n.Stage)
            .ToList();

        Assert.Equal(["courtesy", "due"], notices);
    }

    [Fact]
    public void Evaluated_late_only_the_latest_stage_fires_and_only_its_actions_apply()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Run(policy, At("2026-11-20 10:00"));

        var decision = account.Run(policy, At("2026-12-21 10:00"));

        Assert.Equal("collector-30", Assert.Single(decision.Notices).Stage);
        Assert.Empty(decision.Fees);
        var task = Assert.Single(decision.Escalations);
        Assert.Equal(EscalationKind.CollectorTask, task.Kind);
        Assert.Equal(Day("2026-12-26"), task.FollowUpBy);
        Assert.Empty(account.Run(policy, At("2026-12-22 10:00")).Notices);
    }

    [Fact]
    public void Interest_is_simple_annual_interest_on_the_unpaid_amount_from_the_due_date()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Run(policy, At("2026-11-27 10:00"));

        var decision = account.Run(policy, At("2026-12-05 10:00"));

        // 1000 × 8% × 15/365 = 3.287… → 3.29
        var interest = Assert.Single(decision.Fees);
        Assert.Equal(FeeKind.Interest, interest.Kind);
        Assert.Equal(Eur(3.29m), interest.Amount);
    }

    [Fact]
    public void Legal_escalation_stops_dunning_of_the_item()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var legal = account.Run(policy, At("2027-01-19 10:00"));
        var later = account.Run(policy, At("2027-03-19 10:00"));

        Assert.Contains(legal.Escalations, e => e.Kind == EscalationKind.Legal);
        Assert.Null(legal.NextActionAt);
        Assert.False(later.HasEffects(account));
    }

    [Fact]
    public void A_stage_whose_minimum_amount_is_not_met_is_passed_over()
    {
        var small = APolicy().WithCondition("overdue-7", new StageConditions(MinAmountOverdue: 50m)).Build();
        var account = AnAccount().WithInvoice("inv-1", 20m, due: "2026-11-20").Build();
        account.Run(small, At("2026-11-20 10:00"));

        var decision = account.Run(small, At("2026-11-27 10:00"));

        Assert.Empty(decision.Notices);
        Assert.Equal(At("2026-12-05 09:00"), decision.NextActionAt);
    }

    [Fact]
    public void Do_not_contact_sends_no_notice_but_still_posts_fees_and_escalations()
    {
        var account = AnAccount().WithFlags(new AccountFlags(DoNotContact: true)).WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var decision = account.Run(policy, At("2026-11-27 10:00"));

        Assert.Empty(decision.Notices);
        Assert.Single(decision.Fees);
    }

    [Fact]
    public void Each_channel_gets_its_own_notice_with_the_matching_contact()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var decision = account.Run(APolicy().WithChannels(Channel.Email, Channel.Sms), At("2026-11-20 10:00"));

        Assert.Equal([Channel.Email, Channel.Sms], decision.Notices.Select(n => n.Channel));
        Assert.Equal(["+44 20 7946 0000"], decision.Notices[1].Recipients);
    }
}
