using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// A loopback port for an endpoint left unconfigured, chosen below the OS's ephemeral range: a port the OS hands out
/// for port 0 can be taken by any outgoing connection between the pick and Orleans' bind, one below that range cannot.
/// </summary>
public static class UnusedLoopbackPort
{
    private const int Lowest = 12000;
    private const int Attempts = 2000;
    private static readonly ConcurrentDictionary<int, byte> Given = new();

    /// <summary>A port that was free when asked and that this process has not handed out before.</summary>
    public static int Next()
    {
        var highest = FirstEphemeralPort() - 1;
        if (highest - Lowest < Attempts)
        {
            return FromOperatingSystem();
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest + 1);
            if (Given.TryAdd(port, 0) && IsFree(port))
            {
                return port;
            }
        }

        return FromOperatingSystem();
    }

    /// <summary>Linux says its range in procfs; elsewhere the IANA dynamic range (Windows and macOS use it).</summary>
    private static int FirstEphemeralPort()
    {
        const int ianaDynamic = 49152;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : ianaDynamic;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return ianaDynamic;
        }
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

    private static int FromOperatingSystem()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
