using System.Net;
using System.Net.Sockets;

namespace ArScale.Tests.Support;

public static class FreePort
{
    /// <summary>A port the kernel just handed out, so parallel test runs don't collide on fixed ones.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A base port for a service that takes fixed offsets from it (base+0, base+1, base+100…), with every one of
    /// them bindable now. Chosen below Linux's ephemeral range (32768 and up), where the outbound connections of
    /// tests running in parallel would otherwise take a port the moment after it was found free.
    /// </summary>
    public static int BaseFor(params int[] offsets)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = 20000 + Random.Shared.Next(0, 4000);
            if (offsets.All(offset => IsFree(candidate + offset)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No free block of ports between 20000 and 24100.");
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
