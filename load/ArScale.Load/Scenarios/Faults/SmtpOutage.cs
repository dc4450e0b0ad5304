using System.Net;
using System.Net.Sockets;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// The mail relay goes away mid-storm and comes back on the same port: stopped (connections refused), or
/// <paramref name="silent"/>: something holds the port that accepts connections and never greets (a relay hung in
/// its start-up, a firewall that swallows the session). Every notice must still be delivered once afterwards, none
/// Failed.
/// </summary>
public sealed class SmtpOutage(bool silent) : StormFault
{
    public override string Name => silent ? "smtp-silent" : "smtp-down";

    public override string How(FaultSettings settings) => silent
        ? $"the sink stopped for {settings.OutageLabel} and its port held by a server that accepts and never greets, then the sink again on the same port"
        : $"the sink stopped for {settings.OutageLabel} (connections refused), then started again on the same port";

    public override async Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        await UntilAsync(target.HitAt, cancellationToken);
        var held = await target.NotYetDeliveredAsync(cancellationToken);
        await target.Sink.StopAsync();
        var hitAt = DateTimeOffset.UtcNow;
        using (silent ? SilentServer.Listen(target.Sink.Port) : null)
        {
            await Task.Delay(target.Settings.Outage, cancellationToken);
        }

        await target.Sink.StartAgainAsync(cancellationToken);
        return new FaultEvent(hitAt, DateTimeOffset.UtcNow, held, Invariant($"sink away {(DateTimeOffset.UtcNow - hitAt).TotalSeconds:0} s"));
    }

    /// <summary>Accepts every connection and says nothing: the client's own timeout is all that ends the session.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly List<Socket> held = [];
        private readonly CancellationTokenSource stop = new();

        private SilentServer(int port)
        {
            listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            _ = AcceptAsync();
        }

        public static SilentServer Listen(int port) => new(port);

        private async Task AcceptAsync()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var socket = await listener.AcceptSocketAsync(stop.Token);
                    lock (held)
                    {
                        held.Add(socket);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
            catch (SocketException)
            {
                // Stopped.
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            lock (held)
            {
                held.ForEach(socket => socket.Dispose());
            }

            stop.Dispose();
        }
    }
}
