using ArScale.Contracts.Accounts;
using ArScale.Contracts.Billing;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// A billing message whose write fails for a passing reason is retried past the old 17 s budget, in rounds, until
/// its deadline; only then does it go to the error queue. The failure here is the real one of a database that
/// lost the sales ledger for a while (the table renamed away), on a Gateway whose rounds and deadline are short.
/// </summary>
public sealed class IngestRetryTests(ShortRedeliverySystem system) : IClassFixture<ShortRedeliverySystem>
{
    private static TimeSpan Deadline => ShortRedeliverySystem.Deadline;

    [Fact]
    public async Task A_database_outage_longer_than_a_retry_round_is_survived_and_the_invoice_stored_once_it_is_back()
    {
        var accountId = await system.CreateAccountAsync();
        await SalesLedgerAwayAsync();
        try
        {
            await system.PublishAsync(new InvoiceIssued(accountId, "OUTAGE-1", 10m, "EUR", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));
            await Task.Delay(TimeSpan.FromSeconds(25));
        }
        finally
        {
            await SalesLedgerBackAsync();
        }

        await Eventually(async () => await system.ScalarAsync("SELECT count(*) FROM invoice_sale WHERE account_id = @account", ("account", accountId)) == 1);
        Assert.Single((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Invoices);
        Assert.Equal(0, await system.Broker.MessagesInAsync("invoice-issued_error"));
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_deadline_goes_to_the_error_queue_with_its_reason()
    {
        var accountId = await system.CreateAccountAsync();
        await SalesLedgerAwayAsync();
        try
        {
            var published = DateTimeOffset.UtcNow;
            await system.PublishAsync(new InvoiceIssued(accountId, "OUTAGE-2", 10m, "EUR", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)));

            var reason = await ErrorQueue.FirstMessageAsync(system, "invoice-issued_error", Deadline * 2);

            Assert.True(DateTimeOffset.UtcNow - published >= Deadline, "gave up before the deadline");
            Assert.Contains("invoice_sale", reason, StringComparison.Ordinal);
        }
        finally
        {
            await SalesLedgerBackAsync();
        }
    }

    private Task SalesLedgerAwayAsync() => system.ExecuteAsync("ALTER TABLE invoice_sale RENAME TO invoice_sale_away");

    private Task SalesLedgerBackAsync() => system.ExecuteAsync("ALTER TABLE invoice_sale_away RENAME TO invoice_sale");

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }
}
