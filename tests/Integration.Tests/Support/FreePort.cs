using System.Net;
using System.Net.Sockets;

namespace ArScale.Integration.Tests.Support;

public static class FreePort
{
    /// <summary>A port the kernel just handed out, so parallel test runs don't collide on fixed ones.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
