namespace ArScale.Dunning.Tests.Ledger;

public class LedgerTests
{
    [Fact]
    public void An_overpayment_is_kept_as_credit_and_applied_to_the_next_invoice()
    {
        var account = AnAccount().WithInvoice("inv-1", 100m, due: "2026-11-20").WithPayment("pay-1", 130m, "2026-11-18").Build();
        Assert.Equal(Eur(-30m), account.BalanceIn("EUR"));

        account.Do(new IssueInvoice("c-2", "inv-2", Eur(50m), Day("2026-11-19"), Day("2026-12-19")), At("2026-11-19 10:00"));

        Assert.Equal(20m, account.FindInvoice("inv-2")!.Outstanding);
        Assert.Empty(account.State.Credit);
    }

    [Fact]
    public void A_targeted_payment_goes_to_its_invoice_even_when_an_older_one_is_open()
    {
        var account = AnAccount()
            .WithInvoice("inv-old", 100m, due: "2026-11-01")
            .WithInvoice("inv-new", 100m, due: "2026-11-20")
            .WithPayment("pay-1", 100m, "2026-11-18", invoiceId: "inv-new")
            .Build();

        Assert.Equal(100m, account.FindInvoice("inv-old")!.Outstanding);
        Assert.Equal(0m, account.FindInvoice("inv-new")!.Outstanding);
    }

    [Fact]
    public void Untargeted_payments_skip_disputed_invoices()
    {
        var account = AnAccount()
            .WithInvoice("inv-old", 100m, due: "2026-11-01")
            .WithInvoice("inv-new", 100m, due: "2026-11-20")
            .WithDispute("d-1", "inv-old")
            .WithPayment("pay-1", 100m, "2026-11-18")
            .Build();

        Assert.Equal(100m, account.FindInvoice("inv-old")!.Outstanding);
        Assert.Equal(0m, account.FindInvoice("inv-new")!.Outstanding);
    }

    [Fact]
    public void Fees_are_paid_after_the_invoices()
    {
        var account = AnAccount().WithInvoice("inv-1", 100m, due: "2026-11-20").Build();
        account.Run(APolicy(), At("2026-11-27 10:00"));

        account.Do(new RecordPayment("c-pay", "pay-1", Eur(110m), Day("2026-11-28")), At("2026-11-28 10:00"));

        Assert.Equal(0m, account.FindInvoice("inv-1")!.Outstanding);
        Assert.Equal(5m, account.State.Fees.Single().Outstanding);
        Assert.Equal(Eur(5m), account.BalanceIn("EUR"));
    }

    [Fact]
    public void Balances_are_kept_per_currency()
    {
        var account = AnAccount()
            .WithInvoice("inv-1", 100m, due: "2026-11-20")
            .WithInvoice("inv-2", 5000m, due: "2026-11-20", currency: "JPY")
            .WithPayment("pay-1", 2000m, "2026-11-18", currency: "JPY")
            .Build();

        Assert.Equal([Eur(100m), new Money(3000m, "JPY")], account.Balances());
    }

    [Fact]
    public void A_write_off_settles_what_is_left_of_the_invoice()
    {
        var account = AnAccount().WithInvoice("inv-1", 100m, due: "2026-11-20").WithPayment("pay-1", 40m, "2026-11-18").Build();

        account.Do(new WriteOffInvoice("c-wo", "wo-1", "inv-1", Day("2026-12-01"), "uncollectable"), At("2026-12-01 10:00"));

        Assert.Equal(60m, account.FindInvoice("inv-1")!.WrittenOff);
        Assert.False(account.FindInvoice("inv-1")!.IsOpen);
    }

    [Theory]
    [InlineData(10.005, "EUR", 10.01)]
    [InlineData(10.004, "EUR", 10.00)]
    [InlineData(1234.5, "JPY", 1235)]
    [InlineData(1.2345, "BHD", 1.235)]
    public void Money_rounds_to_the_minor_units_of_its_currency(decimal amount, string currency, decimal expected)
    {
        Assert.Equal(expected, Money.Of(amount, currency).Amount);
    }

    [Fact]
    public void Money_rejects_an_unknown_currency()
    {
        Assert.Throws<ArgumentException>(() => Money.Of(1m, "EUD"));
    }

    [Fact]
    public void Aging_buckets_unpaid_items_by_days_past_due_per_currency()
    {
        var account = AnAccount()
            .WithInvoice("a", 10m, due: "2026-12-10")
            .WithInvoice("b", 20m, due: "2026-11-20")
            .WithInvoice("c", 30m, due: "2026-10-20")
            .WithInvoice("d", 40m, due: "2026-09-20")
            .WithInvoice("e", 50m, due: "2026-08-01")
            .Build();

        var aging = Assert.Single(AgingReport.Of(account, Day("2026-12-01")));

        Assert.Equal((10m, 20m, 30m, 40m, 50m), (aging.Current, aging.Days1To30, aging.Days31To60, aging.Days61To90, aging.Over90));
    }
}
