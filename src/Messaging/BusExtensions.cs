using System.Diagnostics.Metrics;
using ArScale.Messaging.QueueDepth;
using ArScale.Messaging.Redelivery;
using ArScale.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArScale.Messaging;

public static class BusExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ on the <c>rabbitmq</c> connection: publisher confirms on, kebab-case queue
    /// names shared by every process so that more processes are competing consumers of the same queues.
    /// </summary>
    public static TBuilder AddArScaleBus<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connection = RabbitMqConnection.Parse(builder.Configuration.GetRequiredConnectionString(ConnectionNames.RabbitMq));
        var prefetch = ConfigurationBinder.GetValue(builder.Configuration, "ArScale:Bus:PrefetchCount", 64);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(connection.Host, checked((ushort)connection.Port), connection.VirtualHost, host =>
                {
                    host.Username(connection.Username);
                    host.Password(connection.Password);
                    // A publish returns only once the broker has the message: the outbox relies on it.
                    host.PublisherConfirmation = true;
                });
                rabbit.PrefetchCount = prefetch;
                rabbit.ConfigureEndpoints(context);
            });
        });
        // Not ready until the bus is connected: the AppHost and health probes wait on it.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options => options.WaitUntilStarted = true);
        builder.AddQueueDepthMetrics(connection);
        builder.Services.AddRedelivery();
        return builder;
    }

    /// <summary>Gauges of the backlog of every queue this process consumes (see <see cref="QueueDepthMetrics"/>).</summary>
    private static void AddQueueDepthMetrics(this IHostApplicationBuilder builder, RabbitMqConnection connection)
    {
        var interval = ConfigurationBinder.GetValue(builder.Configuration, "ArScale:Bus:QueueDepthInterval", TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<ConsumedQueues>();
        builder.Services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ConsumedQueues>());
        builder.Services.AddHostedService(provider => new QueueDepthMetrics(
            provider.GetRequiredService<ConsumedQueues>(), connection, interval,
            provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueueDepthMetrics>>()));
    }
}
