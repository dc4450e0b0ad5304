using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArScale.Messaging.QueueDepth;

/// <summary>
/// The backlog of each queue this process consumes, as observable gauges of the <c>ArScale.Bus</c> meter:
/// messages waiting (ready, not yet delivered to any consumer) and consumers attached. Together with
/// MassTransit's own <c>messaging.masstransit.delivery.duration</c> (the age of a message when its consumer
/// got it) this is the consumer lag. Read with a passive declare on a connection of its own, every
/// <c>ArScale:Bus:QueueDepthInterval</c>, so a scrape never waits on the broker.
/// </summary>
public sealed partial class QueueDepthMetrics : BackgroundService
{
    public const string MeterName = "ArScale.Bus";

    private readonly ConcurrentDictionary<string, (long Messages, long Consumers)> depths = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0);
    private readonly ConsumedQueues queues;
    private readonly RabbitMqConnection connection;
    private readonly TimeSpan interval;
    private readonly ILogger<QueueDepthMetrics> logger;
    private readonly Meter meter;

    public QueueDepthMetrics(ConsumedQueues queues, RabbitMqConnection connection, TimeSpan interval, IMeterFactory meters, ILogger<QueueDepthMetrics> logger)
    {
        this.queues = queues;
        this.connection = connection;
        this.interval = interval;
        this.logger = logger;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("arscale.bus.queue.messages", () => Measure(depth => depth.Messages), unit: "{message}",
            description: "Messages waiting in a queue this process consumes (ready, not yet delivered)");
        meter.CreateObservableGauge("arscale.bus.queue.consumers", () => Measure(depth => depth.Consumers), unit: "{consumer}",
            description: "Consumers attached to a queue this process consumes, across all processes");
        queues.Added += () => wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? amqp = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                amqp = await ReadDepthsAsync(amqp, stoppingToken);
                await wake.WaitAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (amqp is not null)
            {
                await amqp.DisposeAsync();
            }
        }
    }

    public override void Dispose()
    {
        meter.Dispose();
        wake.Dispose();
        base.Dispose();
    }

    private async Task<IConnection?> ReadDepthsAsync(IConnection? amqp, CancellationToken cancellationToken)
    {
        var names = queues.Names;
        if (names.Count == 0)
        {
            return amqp;
        }

        try
        {
            amqp ??= await new ConnectionFactory
            {
                HostName = connection.Host,
                Port = connection.Port,
                VirtualHost = connection.VirtualHost,
                UserName = connection.Username,
                Password = connection.Password,
                ClientProvidedName = "arscale-queue-depth",
            }.CreateConnectionAsync(cancellationToken);
            foreach (var name in names)
            {
                // A passive declare of a queue that is gone closes its channel: one channel per queue keeps the others readable.
                await using var channel = await amqp.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    var answer = await channel.QueueDeclarePassiveAsync(name, cancellationToken);
                    depths[name] = (answer.MessageCount, answer.ConsumerCount);
                }
                catch (OperationInterruptedException)
                {
                    depths.TryRemove(name, out _);
                }
            }

            return amqp;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A gauge must never take its process down: a broker that is down or too busy to open a channel in time
            // (the client's own timeout surfaces as a TaskCanceledException) is reported by the bus itself (health,
            // MassTransit logs); the gauges just keep their last values and the next read starts a new connection.
            LogUnreadable(exception.Message);
            if (amqp is not null)
            {
                await amqp.DisposeAsync();
            }

            return null;
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<(long Messages, long Consumers), long> value) =>
        depths.Select(pair => new Measurement<long>(value(pair.Value), new KeyValuePair<string, object?>("queue", pair.Key)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue depths not read: {Reason}")]
    private partial void LogUnreadable(string reason);
}
