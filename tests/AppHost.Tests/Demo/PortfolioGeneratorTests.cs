using ArScale.AppHost.Demo;
using ArScale.Dunning;

namespace ArScale.AppHost.Tests.Demo;

public sealed class PortfolioGeneratorTests
{
    private static readonly DemoPortfolio Portfolio = DemoFixture.Generate();

    [Fact]
    public void The_same_seed_at_the_same_moment_gives_the_same_portfolio()
    {
        var again = DemoFixture.Generate();

        Assert.Equal(Portfolio.Accounts, again.Accounts);
        Assert.Equal(Portfolio.Invoices, again.Invoices);
        Assert.Equal(Portfolio.Payments, again.Payments);
        Assert.Equal(Portfolio.Disputes, again.Disputes);
        Assert.Equal(Portfolio.Promises, again.Promises);
    }

    [Fact]
    public void Another_seed_gives_another_portfolio()
    {
        var other = DemoFixture.Generate(seed: 7);

        Assert.NotEqual(Portfolio.Invoices.Select(invoice => invoice.Amount), other.Invoices.Select(invoice => invoice.Amount));
    }

    [Fact]
    public void Ids_carry_the_minute_of_the_run_so_a_second_demo_adds_a_portfolio_instead_of_colliding()
    {
        var later = DemoFixture.Generate(now: DemoFixture.WednesdayMorningUtc.AddMinutes(1));

        Assert.All(Portfolio.Accounts, account => Assert.StartsWith("DEMO-2611250930-", account.AccountId, StringComparison.Ordinal));
        Assert.Empty(Portfolio.Accounts.Select(account => account.AccountId).Intersect(later.Accounts.Select(account => account.AccountId)));
        Assert.Empty(Portfolio.Invoices.Select(invoice => invoice.InvoiceId).Intersect(later.Invoices.Select(invoice => invoice.InvoiceId)));
    }

    [Fact]
    public void Thousands_of_customers_spread_over_every_segment_and_many_currencies_time_zones_and_both_locales()
    {
        Assert.Equal(2000, Portfolio.Accounts.Count);
        Assert.Equal(2000, Portfolio.Accounts.Select(account => account.AccountId).Distinct().Count());
        var segments = Portfolio.Accounts.CountBy(account => account.Segment).ToDictionary();
        Assert.Equal(["key-account", "priority", "standard"], segments.Keys.Order());
        Assert.True(segments["standard"] > segments["priority"] && segments["priority"] > segments["key-account"], string.Join(", ", segments));
        Assert.True(Portfolio.Accounts.Select(account => account.Currency).Distinct().Count() >= 10);
        Assert.True(Portfolio.Accounts.Select(account => account.TimeZone).Distinct().Count() >= 10);
        Assert.Equal(["en", "zh-CN"], Portfolio.Accounts.Select(account => account.Locale).Distinct().Order());
    }

    [Fact]
    public void Invoices_are_overdue_by_days_to_months_due_today_in_the_courtesy_period_or_not_yet_due()
    {
        var daysPastDue = Portfolio.Invoices.Select(invoice => invoice.DaysPastDue).ToList();

        foreach (var (low, high) in new[] { (1, 6), (7, 14), (15, 29), (30, 59), (60, 90) })
        {
            Assert.Contains(daysPastDue, days => days >= low && days <= high);
        }

        Assert.Contains(0, daysPastDue);
        Assert.Contains(daysPastDue, days => days is < 0 and >= -3);
        Assert.Contains(daysPastDue, days => days < -7);
        Assert.All(Portfolio.Invoices, invoice => Assert.Equal(
            invoice.DueDate, Portfolio.Accounts.Single(account => account.AccountId == invoice.AccountId).LocalToday.AddDays(-invoice.DaysPastDue)));
    }

    [Fact]
    public void Amounts_are_in_the_customers_currency_with_its_minor_units_and_no_invoice_is_due_before_it_is_issued()
    {
        var currencyOf = Portfolio.Accounts.ToDictionary(account => account.AccountId, account => account.Currency);

        Assert.All(Portfolio.Invoices, invoice =>
        {
            Assert.Equal(currencyOf[invoice.AccountId], invoice.Currency);
            Assert.True(invoice.Amount > 0 && Currencies.HasValidPrecision(invoice.Amount, invoice.Currency), $"{invoice.Amount} {invoice.Currency}");
            Assert.True(invoice.IssueDate <= invoice.DueDate);
        });
        Assert.Contains(Portfolio.Invoices, invoice => invoice.Currency == "JPY");
    }

    [Fact]
    public void A_few_customers_paid_in_part_disputed_or_promised_to_pay_an_overdue_invoice_of_their_own()
    {
        var invoices = Portfolio.Invoices.ToDictionary(invoice => invoice.InvoiceId);

        Assert.InRange(Portfolio.Payments.Count, 20, 400);
        Assert.InRange(Portfolio.Disputes.Count, 10, 80);
        Assert.InRange(Portfolio.Promises.Count, 20, 120);
        Assert.All(Portfolio.Payments, payment =>
            Assert.True(invoices[payment.InvoiceId].AccountId == payment.AccountId && payment.Amount < invoices[payment.InvoiceId].Amount));
        Assert.All(Portfolio.Disputes, dispute =>
            Assert.True(invoices[dispute.InvoiceId].AccountId == dispute.AccountId && invoices[dispute.InvoiceId].DaysPastDue > 0));
        Assert.All(Portfolio.Promises, promise =>
            Assert.True(invoices[promise.InvoiceId].AccountId == promise.AccountId && invoices[promise.InvoiceId].DaysPastDue > 0));
    }

    [Fact]
    public void Every_write_of_the_portfolio_is_one_the_accounts_accept()
    {
        var now = DemoFixture.WednesdayMorningUtc;
        var invoices = Portfolio.Invoices.ToLookup(invoice => invoice.AccountId);
        var payments = Portfolio.Payments.ToLookup(payment => payment.AccountId);
        var disputes = Portfolio.Disputes.ToLookup(dispute => dispute.AccountId);
        var promises = Portfolio.Promises.ToLookup(promise => promise.AccountId);

        foreach (var demo in Portfolio.Accounts)
        {
            // Build refuses (throws) on any write the account does not accept.
            var account = DemoForecast.Build(demo, invoices[demo.AccountId], payments[demo.AccountId], now);
            foreach (var dispute in disputes[demo.AccountId])
            {
                Assert.IsType<CommandResult.Accepted>(account.Execute(new OpenDispute($"dispute:{dispute.DisputeId}", dispute.DisputeId, dispute.InvoiceId, dispute.Reason), now));
            }

            foreach (var promise in promises[demo.AccountId])
            {
                Assert.IsType<CommandResult.Accepted>(account.Execute(
                    new PromiseToPay($"promise:{promise.PromiseId}", promise.PromiseId, promise.Date, new Money(promise.Amount, promise.Currency), [promise.InvoiceId]), now));
            }
        }
    }
}
