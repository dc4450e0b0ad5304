using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ArScale.Load.Mail.SmtpSink;

namespace ArScale.Load.Infrastructure.Sinks;

/// <summary>
/// The load tool's own SMTP sink (<see cref="SmtpSinkServer"/>), started as a process of its own
/// (<c>dotnet ArScale.Load.dll smtp-sink</c>) on a free port with a fresh receipt log, so its CPU is counted apart
/// and its receipts are this run's alone. Ready when it greets with 220.
/// </summary>
public sealed class DotnetSink : IMailSink
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ServiceProcesses processes;
    private readonly ServiceProcess process;
    private readonly ReceiptLogReader receipts;

    private DotnetSink(ServiceProcesses processes, ServiceProcess process, Uri smtp, string receiptLog)
    {
        this.processes = processes;
        this.process = process;
        Smtp = smtp;
        ReceiptLog = receiptLog;
        receipts = new ReceiptLogReader(receiptLog);
        Cpu = new CpuComponent("sink", process.Id);
    }

    public SinkKind Kind => SinkKind.Dotnet;

    public Uri Smtp { get; }

    public CpuComponent Cpu { get; }

    /// <summary>The receipt log file (kept with the run's raw logs).</summary>
    public string ReceiptLog { get; }

    public static async Task<DotnetSink> StartAsync(ServiceProcesses processes, RepositoryLayout layout, string logDirectory, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var stamp = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        var receiptLog = Path.Combine(logDirectory, $"smtp-sink-{stamp}.receipts.tsv");
        var process = processes.Start(
            "smtp-sink", layout.LoadAssembly("ArScale.Load", "ArScale.Load"),
            [SmtpSinkCommand.Name, "--port", port.ToString(CultureInfo.InvariantCulture), "--log", receiptLog],
            httpPort: null,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // The instrument should take as little of the two cores as it can: idle thread-pool workers spinning
                // for work between two messages cost more than the messages when a storm trickles.
                ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
            },
            Path.Combine(logDirectory, $"smtp-sink-{stamp}.log"));
        try
        {
            await process.WaitUntilReadyAsync($"127.0.0.1:{port} (SMTP 220)", token => GreetsAsync(port, token), StartTimeout, cancellationToken);
        }
        catch
        {
            await processes.StopAsync([process]);
            throw;
        }

        return new DotnetSink(processes, process, new Uri($"smtp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), receiptLog);
    }

    public Task<IReadOnlyList<SinkReceipt>> ReceiptsAsync(CancellationToken cancellationToken) => Task.FromResult(receipts.ReadAll());

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(receipts.Count());

    /// <summary>Nothing to remove: the sink keeps no messages, and its receipt log stays with the run's raw logs.</summary>
    public Task DiscardAsync(Func<SinkReceipt, bool> belongs, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await processes.StopAsync([process]);

    private static async Task<bool> GreetsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            var buffer = new byte[512];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            var ready = Encoding.ASCII.GetString(buffer, 0, read).StartsWith("220 ", StringComparison.Ordinal);
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
            return ready;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
