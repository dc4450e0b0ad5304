using System.Diagnostics;
using System.Net.Sockets;
using ArScale.Load.Infrastructure;
using ArScale.Load.Mail;
using ArScale.Load.Reports;
using HdrHistogram;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Load.Scenarios.Sink;

/// <summary>
/// One level of the sink scenario: <c>connections</c> SMTP sessions, each opened once on a socket of our own with
/// Nagle off (as the Notifier's pool does) and reused, each sending the same notice back to back. Messages that
/// complete during the warm-up are sent but not counted; the rate is over the measured window only.
/// </summary>
public sealed class SinkFlood(string sinkName, Uri smtp, CpuComponent sink, string runId, int connections, TimeSpan warmup, TimeSpan duration)
{
    private long sent;
    private long measured;

    public int Connections => connections;

    /// <summary>Messages accepted so far, warm-up included.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Messages accepted in the measured window so far.</summary>
    public long Measured => Interlocked.Read(ref measured);

    public async Task<SinkLevel> RunAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<(SmtpClient Client, MimeMessage Message)>();
        try
        {
            for (var session = 0; session < connections; session++)
            {
                sessions.Add((await ConnectAsync(cancellationToken), SampleMessage.Create(runId, session)));
            }

            var end = warmup + duration;
            var perSecond = new long[(int)Math.Ceiling(duration.TotalSeconds)];
            var clock = Stopwatch.StartNew();
            var workers = sessions.Select(session => Task.Run(() => FloodAsync(session.Client, session.Message, clock, end, perSecond, cancellationToken), cancellationToken)).ToList();

            await Task.Delay(warmup, cancellationToken);
            var components = new List<CpuComponent> { CpuComponent.LoadTool, sink with { Name = SinkLevel.SinkComponent } };

            var cpuStart = CpuSnapshot.Take(components);
            await Task.Delay(end - clock.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, cancellationToken);
            var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(components));
            var histograms = await Task.WhenAll(workers);

            var latency = Latency.NewHistogram();
            foreach (var histogram in histograms)
            {
                latency.Add(histogram);
            }

            return new SinkLevel(
                sinkName, connections, duration.TotalSeconds, Measured, Measured / duration.TotalSeconds, Sent, Latency.From(latency),
                [.. perSecond.Select(count => (double)count)], cpu);
        }
        finally
        {
            foreach (var (client, message) in sessions)
            {
                await DisconnectAsync(client);
                message.Dispose();
            }
        }
    }

    private async Task<LongHistogram> FloodAsync(SmtpClient client, MimeMessage message, Stopwatch clock, TimeSpan end, long[] perSecond, CancellationToken cancellationToken)
    {
        var histogram = Latency.NewHistogram();
        while (clock.Elapsed < end)
        {
            var started = Stopwatch.GetTimestamp();
            await client.SendAsync(message, cancellationToken);
            var done = clock.Elapsed;
            Interlocked.Increment(ref sent);
            if (done >= warmup && done < end)
            {
                Interlocked.Increment(ref measured);
                Interlocked.Increment(ref perSecond[Math.Min(perSecond.Length - 1, (int)(done - warmup).TotalSeconds)]);
                Latency.Record(histogram, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        return histogram;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await socket.ConnectAsync(smtp.Host, smtp.Port, cancellationToken);
            await client.ConnectAsync(socket, smtp.Host, smtp.Port, SecureSocketOptions.None, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static async Task DisconnectAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // A session already broken (the run was interrupted): nothing to say goodbye to.
        }
        finally
        {
            client.Dispose();
        }
    }
}

/// <summary>The figures of one connection count against one sink.</summary>
public sealed record SinkLevel(
    string Sink,
    int Connections, double Seconds, long Messages, double MessagesPerSecond, long SentIncludingWarmup, Latency SendLatency,
    IReadOnlyList<double> PerSecond, CpuUsage Cpu, int Attempt = 1)
{
    /// <summary>The sink's process in <see cref="Cpu"/>, whichever sink it is.</summary>
    public const string SinkComponent = "sink";
}
