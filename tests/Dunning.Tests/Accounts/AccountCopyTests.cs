namespace ArScale.Dunning.Tests.Accounts;

/// <summary>The grain works on a copy and keeps it only once stored: the copy must hold everything and share nothing.</summary>
public class AccountCopyTests
{
    private static readonly DateTimeOffset Now = At("2026-11-20 10:00");

    [Fact]
    public void A_copy_holds_exactly_what_the_account_holds()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").WithPayment("pay-1", 100m, "2026-11-19").WithDispute("d-1", "inv-1").Build();

        Assert.Equal(DunningJson.Serialize(account), DunningJson.Serialize(account.Copy()));
    }

    [Fact]
    public void A_command_on_the_copy_leaves_the_original_as_it_was()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();
        var before = DunningJson.Serialize(account);

        account.Copy().Do(new RecordPayment("c-pay", "pay-1", Eur(100m), Day("2026-11-19"), "inv-1"), Now);

        Assert.Equal(before, DunningJson.Serialize(account));
    }
}
