using System.Collections.Concurrent;
using ArScale.Integration.Tests.Support;
using ArScale.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Integration.Tests.Messaging;

public sealed record ProbePublished(Guid RunId, int Sequence);

public sealed class ProbeInbox
{
    public ConcurrentDictionary<Guid, ProbePublished> ByMessageId { get; } = new();
}

public sealed class ProbePublishedConsumer(ProbeInbox inbox) : IConsumer<ProbePublished>
{
    public Task Consume(ConsumeContext<ProbePublished> context)
    {
        inbox.ByMessageId[context.MessageId ?? Guid.Empty] = context.Message;
        return Task.CompletedTask;
    }
}

public sealed class RabbitMqRoundTripTests
{
    [Fact]
    public async Task A_published_event_is_consumed_over_the_real_broker_with_the_id_it_was_given()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq });
        builder.Services.AddSingleton<ProbeInbox>();
        builder.AddArScaleBus(bus => bus.AddConsumer<ProbePublishedConsumer>());
        using var host = builder.Build();
        await host.StartAsync();

        var runId = Guid.NewGuid();
        var ids = Enumerable.Range(1, 3).Select(_ => Guid.NewGuid()).ToArray();
        var publisher = host.Services.GetRequiredService<IPublishEndpoint>();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            await publisher.Publish(new ProbePublished(runId, i + 1), context => context.MessageId = id);
        }

        var inbox = host.Services.GetRequiredService<ProbeInbox>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!ids.All(inbox.ByMessageId.ContainsKey))
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal([1, 2, 3], ids.Select(id => inbox.ByMessageId[id].Sequence));
        Assert.All(ids, id => Assert.Equal(runId, inbox.ByMessageId[id].RunId));
        await host.StopAsync();
    }
}
