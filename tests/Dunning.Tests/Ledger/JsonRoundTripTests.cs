namespace ArScale.Dunning.Tests.Ledger;

public class JsonRoundTripTests
{
    [Fact]
    public void A_fully_populated_account_survives_serialization_with_equal_evaluations()
    {
        var account = AnAccount()
            .WithCreditLimit(5000m)
            .OnMonthlySettlement(25)
            .WithInvoice("inv-1", 1000m, due: "2026-11-20", issued: "2026-10-01")
            .WithInvoice("inv-2", 500m, due: "2026-11-25", issued: "2026-10-02")
            .WithInvoice("inv-3", 9000m, due: "2026-11-25", currency: "JPY", issued: "2026-10-03")
            .WithInstalmentInvoice("inv-4", "2026-10-05", ("2026-11-30", 100m), ("2026-12-30", 100m))
            .WithPayment("pay-1", 300m, "2026-11-10")
            .WithDispute("d-1", "inv-2")
            .With(new IssueCreditNote("c-cn", "cn-1", Eur(10m), Day("2026-11-11"), "damaged", "inv-1"), At("2026-11-11 10:00"))
            .With(new PromiseToPay("c-pr", "pr-1", Day("2026-12-20"), Eur(100m), ["inv-4"]), At("2026-11-12 10:00"))
            .With(new AddCollectionNote("c-note", "anna", "promised to pay by 20 Dec"), At("2026-11-12 10:00"))
            .Build();
        var policy = APolicy().Build();
        account.Run(policy, At("2026-11-25 10:00"));
        account.Run(policy, At("2026-11-27 10:00"));
        account.Do(new RecordNoticeOutcome("c-out", account.State.Notices[0].Id, Channel.Email, NoticeOutcome.Delivered, At("2026-11-27 10:01")), At("2026-11-27 10:02"));

        var json = DunningJson.Serialize(account);
        var restored = DunningJson.DeserializeAccount(json);

        Assert.Equal(json, DunningJson.Serialize(restored));
        var later = At("2026-12-21 10:00");
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(PolicyEvaluator.Evaluate(account, policy, later), DunningJson.Options),
            System.Text.Json.JsonSerializer.Serialize(PolicyEvaluator.Evaluate(restored, policy, later), DunningJson.Options));
        Assert.NotEmpty(PolicyEvaluator.Evaluate(restored, policy, later).Notices);
    }

    [Fact]
    public void Commands_round_trip_through_json_polymorphically()
    {
        AccountCommand command = new RecordPayment("c-1", "pay-1", Eur(10m), Day("2026-11-19"), "inv-1");

        var json = System.Text.Json.JsonSerializer.Serialize(command, DunningJson.Options);
        var back = System.Text.Json.JsonSerializer.Deserialize<AccountCommand>(json, DunningJson.Options);

        Assert.Contains("\"type\":\"record-payment\"", json, StringComparison.Ordinal);
        Assert.Equal(command, back);
    }
}
