using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// A fast SMTP sink: accepts every connection and every message, one <see cref="SmtpSession"/> per connection on the
/// thread pool, and records a receipt per message in a <see cref="ReceiptLog"/>. It exists because aiosmtpd, one
/// Python process, tops out at a few hundred messages a second on this machine: far below what a storm must show.
/// </summary>
public sealed class SmtpSinkServer : IAsyncDisposable
{
    public const string HostName = "sink.load.arscale.test";

    private readonly Socket listener;
    private readonly ReceiptLog log;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<int, Task> sessions = new();
    private readonly Task accepting;
    private int nextSession;

    private SmtpSinkServer(Socket listener, ReceiptLog log)
    {
        this.listener = listener;
        this.log = log;
        accepting = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public static SmtpSinkServer Start(IPEndPoint endPoint, ReceiptLog log)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(1024);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new SmtpSinkServer(listener, log);
    }

    /// <summary>Stops accepting, ends the open sessions (a message not yet at its final dot is not accepted) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        await accepting;
        await Task.WhenAll(sessions.Values);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                // Out of file descriptors or a connection reset before it was accepted: the listener itself is fine.
                await Console.Error.WriteLineAsync($"accept failed: {exception.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(10));
                continue;
            }

            // Replies are small writes: without NoDelay one could wait for the client's delayed ACK.
            client.NoDelay = true;
            var id = Interlocked.Increment(ref nextSession);
            sessions[id] = Task.Run(async () =>
            {
                try
                {
                    await new SmtpSession(client, log, HostName).RunAsync(stopping.Token);
                }
                finally
                {
                    sessions.TryRemove(id, out _);
                }
            });
        }
    }
}
