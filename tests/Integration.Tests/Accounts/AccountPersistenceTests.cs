using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Integration.Tests.Accounts;

/// <summary>The account grain on the real PostgreSQL store, reminder table and RabbitMQ.</summary>
public sealed class AccountPersistenceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_account_keeps_its_state_and_its_reminder_across_a_restart_of_the_cluster()
    {
        var clusterId = $"accounts-{Guid.NewGuid():N}";
        var accountId = $"acc-{Guid.NewGuid():N}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var profile = new AccountProfile("Ada Customer", [new Contact(ContactKind.Email, "ada@example.test")], "en", "Europe/London", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));

        using (var silo = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a"))
        {
            var account = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(accountId);
            Assert.IsType<CommandResult.Accepted>(await account.Execute(new UpsertProfile("p-1", profile)));
            Assert.IsType<CommandResult.Accepted>(await account.Execute(new IssueInvoice("i-1", "inv-1", new Money(250m, "GBP"), today, today.AddDays(10))));
            await silo.StopAsync();
        }

        var reminderDue = await database.ScalarAsync<DateTime>(
            "SELECT start_time FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE @grain AND reminder_name = 'dunning'",
            ("service", clusterId), ("grain", $"%{accountId}"));
        Assert.True(reminderDue > DateTime.UtcNow, $"reminder at {reminderDue:O}");

        using (var restarted = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-b"))
        {
            var snapshot = await restarted.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(accountId).GetSnapshot();
            Assert.Equal(250m, Assert.Single(snapshot.Invoices).Outstanding.Amount);
            Assert.NotNull(snapshot.NextActionAt);
            await restarted.StopAsync();
        }

        var reminderAfter = await database.ScalarAsync<DateTime>(
            "SELECT start_time FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE @grain AND reminder_name = 'dunning'",
            ("service", clusterId), ("grain", $"%{accountId}"));
        Assert.Equal(reminderDue, reminderAfter);
    }

    [Fact]
    public async Task Paying_everything_removes_the_account_reminder()
    {
        var clusterId = $"paid-{Guid.NewGuid():N}";
        var accountId = $"acc-{Guid.NewGuid():N}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var profile = new AccountProfile("Cy Customer", [new Contact(ContactKind.Email, "cy@example.test")], "en", "America/New_York", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        using var silo = await SiloHost.StartAsync(database.ConnectionString, clusterId, "silo-a");
        var account = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(accountId);
        await account.Execute(new UpsertProfile("p-1", profile));
        await account.Execute(new IssueInvoice("i-1", "inv-1", new Money(90m, "USD"), today, today.AddDays(10)));
        Assert.Equal(1, await RemindersOf(clusterId, accountId));

        Assert.IsType<CommandResult.Accepted>(await account.Execute(new RecordPayment("pay-1", "pay-1", new Money(90m, "USD"), today)));

        Assert.Equal(0, await RemindersOf(clusterId, accountId));
        Assert.Null((await account.GetSnapshot()).NextActionAt);
        await silo.StopAsync();
    }

    private Task<long> RemindersOf(string clusterId, string accountId) =>
        database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE service_id = @service AND grain_id LIKE @grain",
            ("service", clusterId), ("grain", $"%{accountId}"));
}
