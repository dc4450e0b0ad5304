namespace ArScale.Dunning.Tests.Commands;

/// <summary>Every amount is bounded, per item and per account, so that no sum over an account can overflow.</summary>
public class AmountBoundsTests
{
    private static readonly DateTimeOffset Now = At("2026-11-20 10:00");

    [Fact]
    public void Two_invoices_of_5e28_are_rejected_naming_the_amount_and_the_balance_still_adds_up()
    {
        var account = AnAccount().WithInvoice("inv-1", 1000m, due: "2026-11-20").Build();

        var first = account.Execute(new IssueInvoice("c-1", "inv-2", Eur(5e28m), Day("2026-11-01"), Day("2026-12-01")), Now);
        var second = account.Execute(new IssueInvoice("c-2", "inv-3", Eur(5e28m), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.Equal("amount", Assert.IsType<CommandResult.Rejected>(first).Field);
        Assert.Equal("amount", Assert.IsType<CommandResult.Rejected>(second).Field);
        Assert.Equal([Eur(1000m)], account.Balances());
    }

    [Fact]
    public void An_invoice_of_exactly_the_item_limit_is_accepted_and_one_cent_more_is_not()
    {
        var account = AnAccount().Build();

        var atLimit = account.Execute(new IssueInvoice("c-1", "inv-1", Eur(AccountLimits.MaxItemAmount), Day("2026-11-01"), Day("2026-12-01")), Now);
        var overLimit = account.Execute(new IssueInvoice("c-2", "inv-2", Eur(AccountLimits.MaxItemAmount + 0.01m), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.IsType<CommandResult.Accepted>(atLimit);
        Assert.Equal("amount", Assert.IsType<CommandResult.Rejected>(overLimit).Field);
    }

    [Fact]
    public void The_open_amount_of_one_currency_stops_at_the_account_limit_and_other_currencies_are_unaffected()
    {
        var account = AnAccount().Build();
        var invoicesToTheLimit = (int)(AccountLimits.MaxAccountAmount / AccountLimits.MaxItemAmount);
        for (var i = 0; i < invoicesToTheLimit; i++)
        {
            account.Do(new IssueInvoice($"c-{i}", $"inv-{i}", Eur(AccountLimits.MaxItemAmount), Day("2026-11-01"), Day("2026-12-01")), Now);
        }

        var oneMore = account.Execute(new IssueInvoice("c-eur", "inv-eur", Eur(0.01m), Day("2026-11-01"), Day("2026-12-01")), Now);
        var inDollars = account.Execute(new IssueInvoice("c-usd", "inv-usd", new Money(10m, "USD"), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.Equal("amount", Assert.IsType<CommandResult.Rejected>(oneMore).Field);
        Assert.IsType<CommandResult.Accepted>(inDollars);
        Assert.Equal(Eur(AccountLimits.MaxAccountAmount), account.BalanceIn("EUR"));
    }

    [Theory]
    [InlineData("5.001", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("0.0001", "KWD")]
    public void An_amount_finer_than_the_currency_minor_unit_is_rejected(string amount, string currency)
    {
        var account = AnAccount().Build();

        var result = account.Execute(new IssueInvoice("c-1", "inv-1", new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency), Day("2026-11-01"), Day("2026-12-01")), Now);

        Assert.Equal("amount", Assert.IsType<CommandResult.Rejected>(result).Field);
    }
}
