using System.Diagnostics;
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

    [Fact]
    public async Task A_hung_broker_holds_a_command_no_longer_than_the_publish_timeout_and_its_events_go_out_on_the_next_tick()
    {
        var (account, id) = await fixture.Grains.NewAccountAsync();
        var courtesyDue = new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today.AddDays(-30), Today.AddDays(3));
        fixture.Bus.Hang();
        var waited = Stopwatch.StartNew();
        try
        {
            Assert.IsType<CommandResult.Accepted>(await account.Execute(courtesyDue));
        }
        finally
        {
            waited.Stop();
            fixture.Bus.StopHanging();
        }

        Assert.True(waited.Elapsed < AccountClusterFixture.PublishTimeout + TimeSpan.FromSeconds(5), $"the call took {waited.Elapsed}");
        Assert.Empty(fixture.Bus.For(id, "NoticeDue"));

        await account.TickAsync();

        Assert.Single(fixture.Bus.For(id, "NoticeDue"));
    }

    private Task<ReminderEntry?> ReminderOf(IAccountGrain account) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRow(account.GetGrainId(), AccountGrain.ReminderName);
}
