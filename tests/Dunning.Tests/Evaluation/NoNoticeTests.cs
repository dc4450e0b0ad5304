namespace ArScale.Dunning.Tests.Evaluation;

public class NoNoticeTests
{
    public static TheoryData<string> Cases => ["paid", "written off", "credited", "disputed", "promised", "auto-pay", "dunning paused"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_invoice_that_is_not_dunnable_gets_no_notice(string why)
    {
        var builder = why switch
        {
            "auto-pay" => AnAccount().WithFlags(new AccountFlags(AutoPay: true)),
            "dunning paused" => AnAccount().WithFlags(new AccountFlags(DunningPaused: true)),
            _ => AnAccount(),
        };
        builder.WithInvoice("inv-1", 1000m, due: "2026-11-20");
        var setupTime = At("2026-11-18 08:00");
        _ = why switch
        {
            "paid" => builder.WithPayment("pay-1", 1000m, "2026-11-18"),
            "written off" => builder.With(new WriteOffInvoice("w", "wo-1", "inv-1", Day("2026-11-18"), "insolvent"), setupTime),
            "credited" => builder.With(new IssueCreditNote("c", "cn-1", Eur(1000m), Day("2026-11-18"), "returned", "inv-1"), setupTime),
            "disputed" => builder.WithDispute("d-1", "inv-1"),
            "promised" => builder.With(new PromiseToPay("p", "pr-1", Day("2026-12-31"), Eur(1000m), ["inv-1"]), setupTime),
            _ => builder,
        };
        var account = builder.Build();

        var notices = new[] { "2026-11-20 10:00", "2026-11-27 10:00", "2026-12-05 10:00" }
            .SelectMany(t => account.Run(APolicy(), At(t)).Notices);

        Assert.Empty(notices);
    }
}
