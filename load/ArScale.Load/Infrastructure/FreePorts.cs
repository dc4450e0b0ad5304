using System.Net;
using System.Net.Sockets;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// Ports for the services a run starts. Taken below Linux's ephemeral range (32768 and up), where the run's own
/// outbound connections (thousands of them) could take a port between the check and the service's bind.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var candidate = 20_000 + Random.Shared.Next(0, 5_000);
                if (!HandedOut.Contains(candidate) && IsFree(candidate))
                {
                    HandedOut.Add(candidate);
                    return candidate;
                }
            }
        }

        throw new LoadFailedException("no free TCP port between 20000 and 25000 on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
