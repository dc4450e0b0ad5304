using System.Collections.Concurrent;
using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ArScale.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Integration.Tests.Accounts;

public sealed class AccountChangedInbox
{
    public ConcurrentQueue<(Guid? MessageId, AccountChanged Message)> Received { get; } = new();
}

public sealed class AccountChangedRecorder(AccountChangedInbox inbox) : IConsumer<AccountChanged>
{
    public Task Consume(ConsumeContext<AccountChanged> context)
    {
        inbox.Received.Enqueue((context.MessageId, context.Message));
        return Task.CompletedTask;
    }
}

public sealed class AccountEventsOnTheBusTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_change_reaches_the_real_broker_once_with_a_message_id_derived_from_its_event_id()
    {
        var accountId = $"acc-{Guid.NewGuid():N}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var profile = new AccountProfile("Bo Customer", [new Contact(ContactKind.Email, "bo@example.test")], "zh-CN", "Asia/Shanghai", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        using var silo = await SiloHost.StartAsync(
            database.ConnectionString, $"bus-{Guid.NewGuid():N}", "silo-a",
            bus: bus => bus.AddConsumer<AccountChangedRecorder>(),
            services: services => services.AddSingleton<AccountChangedInbox>());
        var registered = silo.Services.GetRequiredService<AccountChangedInbox>();

        var account = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(accountId);
        await account.Execute(new UpsertProfile("p-1", profile));
        await account.Execute(new IssueInvoice("i-1", "inv-1", new Money(800m, "CNY"), today, today.AddDays(20)));
        Assert.IsType<CommandResult.Duplicate>(await account.Execute(new IssueInvoice("i-1", "inv-1", new Money(800m, "CNY"), today, today.AddDays(20))));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (registered.Received.Count(r => r.Message.AccountId == accountId) < 2)
        {
            await Task.Delay(100, timeout.Token);
        }

        await Task.Delay(500);
        var mine = registered.Received.Where(r => r.Message.AccountId == accountId).OrderBy(r => r.Message.Version).ToList();
        Assert.Equal([1L, 2L], mine.Select(r => r.Message.Version));
        Assert.All(mine, r => Assert.Equal(DeterministicGuid.From(r.Message.EventId), r.MessageId));
        Assert.Contains(mine[^1].Message.Balance, money => money is { Currency: "CNY", Amount: 800m });
        await silo.StopAsync();
    }
}
