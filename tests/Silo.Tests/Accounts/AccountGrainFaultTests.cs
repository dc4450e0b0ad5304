using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Silo.Accounts;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_reminder_whose_registration_failed_is_registered_by_the_retry_that_is_answered_duplicate()
    {
        var (account, id) = await fixture.Grains.NewAccountAsync();
        var invoice = new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today, Today.AddDays(30));
        fixture.Reminders.Refuse(id);
        await Assert.ThrowsAnyAsync<Exception>(() => account.Execute(invoice));
        fixture.Reminders.Accept(id);

        Assert.IsType<CommandResult.Duplicate>(await account.Execute(invoice));

        Assert.NotNull(await ReminderOf(account));
    }

    [Fact]
    public async Task A_reminder_whose_registration_failed_is_registered_when_the_account_is_next_activated()
    {
        var (account, id) = await fixture.Grains.NewAccountAsync();
        fixture.Reminders.Refuse(id);
        await Assert.ThrowsAnyAsync<Exception>(() => account.Execute(new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today, Today.AddDays(30))));
        fixture.Reminders.Accept(id);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await account.GetSnapshot();

        Assert.NotNull(await ReminderOf(account));
    }

    private Task<ReminderEntry?> ReminderOf(IAccountGrain account) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRow(account.GetGrainId(), AccountGrain.ReminderName);
}
