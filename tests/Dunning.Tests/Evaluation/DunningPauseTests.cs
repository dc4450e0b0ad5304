namespace ArScale.Dunning.Tests.Evaluation;

public class DunningPauseTests
{
    private readonly DunningPolicy policy = APolicy();

    [Fact]
    public void A_paused_account_gets_no_stage_and_on_resume_only_the_latest_stage_due_fires_once()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Do(new PauseDunning("c-pause", "customer in hospital", "kim"), At("2026-11-18 10:00"));

        var whilePaused = new[] { "2026-11-20 10:00", "2026-11-27 10:00", "2026-12-05 10:00" }.SelectMany(t => account.Run(policy, At(t)).Notices).ToList();
        account.Do(new ResumeDunning("c-resume", "kim", "back home"), At("2026-12-07 09:30"));
        var resumed = account.Run(policy, At("2026-12-07 10:00"));
        var again = account.Run(policy, At("2026-12-07 11:00"));

        Assert.Empty(whilePaused);
        Assert.Equal("overdue-15", Assert.Single(resumed.Notices).Stage);
        Assert.Empty(again.Notices);
        Assert.DoesNotContain(resumed.Fees, fee => fee.Stage == "overdue-7");
    }

    [Fact]
    public void The_snapshot_says_who_paused_why_and_since_when_and_every_item_shows_the_pause()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Do(new PauseDunning("c-pause", "payment plan being negotiated", "kim"), At("2026-11-21 10:00"));

        var snapshot = AccountSnapshots.Of(account, policy, At("2026-11-28 10:00"));

        Assert.Equal(new DunningPause("payment plan being negotiated", "kim", At("2026-11-21 10:00")), snapshot.Pause);
        Assert.All(snapshot.Invoices.SelectMany(invoice => invoice.Items), item => Assert.Equal("dunning paused", item.PausedBecause));
        Assert.True(account.EffectiveFlags.DunningPaused);
        var change = Assert.Single(snapshot.PauseHistory);
        Assert.Equal(("c-pause", true, "kim"), (change.CommandId, change.Paused, change.By));
    }

    [Fact]
    public void A_billing_system_sending_the_profile_again_does_not_lift_an_operators_pause()
    {
        var builder = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20");
        var account = builder.Build();
        account.Do(new PauseDunning("c-pause", "fraud check", "kim"), At("2026-11-18 10:00"));

        account.Do(new UpsertProfile("nightly-sync", builder.Profile() with { Name = "Customer Ltd (renamed)" }), At("2026-11-19 02:00"));

        Assert.Empty(account.Run(policy, At("2026-11-27 10:00")).Notices);
        Assert.NotNull(account.State.Pause);
    }

    [Fact]
    public void Resuming_leaves_a_pause_set_by_the_billing_systems_flag_in_place()
    {
        var account = AnAccount().WithFlags(new AccountFlags(DunningPaused: true)).WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var result = account.Execute(new ResumeDunning("c-resume", "kim"), At("2026-11-21 10:00"));

        Assert.IsType<CommandResult.Duplicate>(result);
        Assert.True(account.EffectiveFlags.DunningPaused);
        Assert.Empty(account.Run(policy, At("2026-11-27 10:00")).Notices);
    }

    [Fact]
    public void Pausing_again_with_the_same_reason_changes_nothing_and_a_new_reason_keeps_the_original_start()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        account.Do(new PauseDunning("c-1", "fraud check", "kim"), At("2026-11-18 10:00"));

        var same = account.Execute(new PauseDunning("c-2", "fraud check", "lee"), At("2026-11-19 10:00"));
        var other = account.Execute(new PauseDunning("c-3", "fraud confirmed, legal review", "lee"), At("2026-11-20 10:00"));

        Assert.IsType<CommandResult.Duplicate>(same);
        Assert.IsType<CommandResult.Accepted>(other);
        Assert.Equal(new DunningPause("fraud confirmed, legal review", "lee", At("2026-11-18 10:00")), account.State.Pause);
        Assert.Equal(["c-1", "c-3"], account.State.PauseHistory.Select(change => change.CommandId));
    }

    [Fact]
    public void A_replayed_pause_is_a_duplicate_and_the_same_id_with_another_reason_a_conflict()
    {
        var account = AnAccount().Build();
        var pause = new PauseDunning("c-pause", "fraud check", "kim");
        account.Do(pause, At("2026-11-18 10:00"));
        account.Do(new ResumeDunning("c-resume", "kim"), At("2026-11-18 11:00"));

        Assert.IsType<CommandResult.Duplicate>(account.Execute(pause, At("2026-11-18 12:00")));
        Assert.IsType<CommandResult.Conflict>(account.Execute(pause with { Reason = "something else" }, At("2026-11-18 12:00")));
        Assert.Null(account.State.Pause);
    }

    [Theory]
    [InlineData("", "kim", "reason")]
    [InlineData("fraud check", " ", "by")]
    public void A_pause_needs_a_reason_and_someone_who_paused(string reason, string by, string field)
    {
        var account = AnAccount().Build();

        var result = account.Execute(new PauseDunning("c-pause", reason, by), At("2026-11-18 10:00"));

        Assert.Equal(field, Assert.IsType<CommandResult.Rejected>(result).Field);
        Assert.Null(account.State.Pause);
    }

    [Fact]
    public void A_reason_longer_than_500_characters_is_rejected()
    {
        var account = AnAccount().Build();

        var result = account.Execute(new PauseDunning("c-pause", new string('x', 501), "kim"), At("2026-11-18 10:00"));

        Assert.Equal("reason", Assert.IsType<CommandResult.Rejected>(result).Field);
    }

    [Fact]
    public void The_pause_survives_the_state_round_trip()
    {
        var account = AnAccount().Build();
        account.Do(new PauseDunning("c-pause", "fraud check", "kim"), At("2026-11-18 10:00"));

        var restored = DunningJson.DeserializeAccount(DunningJson.Serialize(account));

        Assert.Equal(account.State.Pause, restored.State.Pause);
        Assert.True(restored.EffectiveFlags.DunningPaused);
    }
}
