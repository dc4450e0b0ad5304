using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Silo.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ArScale.Silo.Tests.Accounts;

[CollectionDefinition(nameof(AccountCluster))]
public sealed class AccountCluster : ICollectionFixture<MondayMorningClusterFixture>;

/// <summary>The account grain on a TestCluster: commands, the reminder path and the outbox. Each test uses its own account.</summary>
[Collection(nameof(AccountCluster))]
public sealed class AccountGrainTests(MondayMorningClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 2); // the fixture clock's date: a Monday, 10:00 in London

    [Fact]
    public async Task A_replayed_command_returns_the_first_answer_and_changes_nothing()
    {
        var account = await NewAccount();
        var invoice = new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today, Today.AddDays(30));

        Assert.IsType<CommandResult.Accepted>(await account.Execute(invoice));
        Assert.IsType<CommandResult.Duplicate>(await account.Execute(invoice));
        Assert.IsType<CommandResult.Conflict>(await account.Execute(invoice with { Amount = new Money(999m, "GBP") }));

        var snapshot = await account.GetSnapshot();
        Assert.Equal(100m, Assert.Single(snapshot.Invoices).Amount.Amount);
    }

    [Fact]
    public async Task Bad_input_is_rejected_naming_the_field_and_leaves_the_account_unchanged()
    {
        var account = await NewAccount();

        var result = await account.Execute(new IssueInvoice("cmd-bad", "inv-1", new Money(-5m, "GBP"), Today, Today.AddDays(30)));

        var rejected = Assert.IsType<CommandResult.Rejected>(result);
        Assert.Contains("amount", rejected.Field, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await account.GetSnapshot()).Invoices);
    }

    [Fact]
    public async Task The_reminder_fires_each_stage_once_however_often_it_ticks()
    {
        var (account, id) = await NewAccountWithId();
        await account.Execute(new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today.AddDays(-30), Today.AddDays(3)));
        Assert.Single(fixture.Bus.For(id, "NoticeDue")); // courtesy, three days ahead, inside the window

        var snapshot = await account.GetSnapshot();
        Assert.NotNull(snapshot.NextActionAt);

        await account.TickAsync(times: 3);
        Assert.Single(fixture.Bus.For(id, "NoticeDue"));
    }

    [Fact]
    public async Task Events_that_could_not_be_published_stay_in_the_outbox_and_go_out_on_the_next_tick_with_the_same_ids()
    {
        var (account, id) = await NewAccountWithId();
        fixture.Bus.Failing = true;
        try
        {
            Assert.IsType<CommandResult.Accepted>(await account.Execute(
                new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today.AddDays(-30), Today.AddDays(3))));
        }
        finally
        {
            fixture.Bus.Failing = false;
        }

        Assert.Empty(fixture.Bus.For(id, "NoticeDue"));
        await account.TickAsync(times: 2);

        var notice = Assert.Single(fixture.Bus.For(id, "NoticeDue"));
        Assert.StartsWith($"{id}:courtesy:", notice.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_silos_count_stored_events_the_broker_has_not_confirmed_until_it_does()
    {
        var (account, _) = await NewAccountWithId();
        var before = OutboxDepth();
        fixture.Bus.Failing = true;
        try
        {
            await account.Execute(new IssueInvoice("cmd-inv-1", "inv-1", new Money(100m, "GBP"), Today.AddDays(-30), Today.AddDays(3)));
        }
        finally
        {
            fixture.Bus.Failing = false;
        }

        var whileFailing = OutboxDepth();
        await account.TickAsync(times: 1);

        Assert.True(whileFailing >= before + 2, $"expected the notice and the account change in the outbox, depth went from {before} to {whileFailing}");
        Assert.Equal(before, OutboxDepth());
    }

    private long OutboxDepth() =>
        fixture.Cluster.Silos.Sum(silo => silo.ServiceProvider.GetRequiredService<Outbox.OutboxDepth>().Current);

    private async Task<IAccountGrain> NewAccount() => (await NewAccountWithId()).Grain;

    private Task<(IAccountGrain Grain, string Id)> NewAccountWithId() => fixture.Grains.NewAccountAsync();
}
