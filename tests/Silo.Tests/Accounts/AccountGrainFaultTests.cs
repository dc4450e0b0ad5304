using ArScale.Contracts.Accounts;
using ArScale.Dunning;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>The account grain when what it depends on fails: storage, the reminder service, the broker.</summary>
[Collection(nameof(AccountCluster))]
public sealed class AccountGrainFaultTests(MondayMorningClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 2); // the fixture clock's date: a Monday, 10:00 in London

    [Fact]
    public async Task A_command_whose_write_failed_leaves_nothing_behind_and_its_retry_is_applied_once()
    {
        var (account, id) = await fixture.Grains.NewAccountAsync();
        var invoice = new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today, Today.AddDays(30));
        fixture.Storage.FailNextWrite(id);

        await Assert.ThrowsAsync<OrleansException>(() => account.Execute(invoice));
        Assert.Empty((await account.GetSnapshot()).Invoices);

        Assert.IsType<CommandResult.Accepted>(await account.Execute(invoice));
        Assert.Single((await account.GetSnapshot()).Invoices);
    }
}
