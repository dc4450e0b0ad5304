using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ArScale.Load.Mail.SmtpSink;

namespace ArScale.Load.Infrastructure.Sinks;

/// <summary>
/// The load tool's own SMTP sink (<see cref="SmtpSinkServer"/>), started as a process of its own
/// (<c>dotnet ArScale.Load.dll smtp-sink</c>) on a free port with a fresh receipt log, so its CPU is counted apart
/// and its receipts are this run's alone. Ready when it greets with 220. A fault scenario stops it and starts it again
/// on the same port (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>): the receipts are those of every
/// process it ran as.
/// </summary>
public sealed class DotnetSink : IMailSink
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ServiceProcesses processes;
    private readonly RepositoryLayout layout;
    private readonly string logDirectory;
    private readonly int port;
    private readonly List<ReceiptLogReader> receipts = [];
    private ServiceProcess? process;

    private DotnetSink(ServiceProcesses processes, RepositoryLayout layout, string logDirectory, int port, ServiceProcess process, string receiptLog)
    {
        this.processes = processes;
        this.layout = layout;
        this.logDirectory = logDirectory;
        this.port = port;
        this.process = process;
        Smtp = new Uri($"smtp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        ReceiptLog = receiptLog;
        receipts.Add(new ReceiptLogReader(receiptLog));
        Cpu = new CpuComponent("sink", process.Id);
    }

    public SinkKind Kind => SinkKind.Dotnet;

    public Uri Smtp { get; }

    public CpuComponent Cpu { get; }

    /// <summary>The first receipt log file (kept with the run's raw logs).</summary>
    public string ReceiptLog { get; }

    /// <summary>The port, once another process can take it (the sink stopped); for a fault that puts something else there.</summary>
    public int Port => port;

    public static async Task<DotnetSink> StartAsync(ServiceProcesses processes, RepositoryLayout layout, string logDirectory, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var (process, receiptLog) = await LaunchAsync(processes, layout, logDirectory, port, cancellationToken);
        return new DotnetSink(processes, layout, logDirectory, port, process, receiptLog);
    }

    /// <summary>Stops the sink: connections to its port are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            process = null;
            await processes.StopAsync([running]);
        }
    }

    /// <summary>The sink again, on the same port, with a receipt log of its own.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var (started, receiptLog) = await LaunchAsync(processes, layout, logDirectory, port, cancellationToken);
        lock (receipts)
        {
            receipts.Add(new ReceiptLogReader(receiptLog));
        }

        process = started;
    }

    private static async Task<(ServiceProcess Process, string ReceiptLog)> LaunchAsync(
        ServiceProcesses processes, RepositoryLayout layout, string logDirectory, int port, CancellationToken cancellationToken)
    {
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

        return (process, receiptLog);
    }

    public Task<IReadOnlyList<SinkReceipt>> ReceiptsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SinkReceipt>>([.. Readers().SelectMany(reader => reader.ReadAll()).OrderBy(receipt => receipt.ReceivedAt)]);

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Readers().Sum(reader => reader.Count()));

    /// <summary>Nothing to remove: the sink keeps no messages, and its receipt log stays with the run's raw logs.</summary>
    public Task DiscardAsync(Func<SinkReceipt, bool> belongs, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await StopAsync();

    private List<ReceiptLogReader> Readers()
    {
        lock (receipts)
        {
            return [.. receipts];
        }
    }

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
