using System.Net;
using System.Net.Sockets;

namespace ControlPlane.TestSupport;

/// <summary>A loopback port the OS reports free (another process could take it before use; tests start at once).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
