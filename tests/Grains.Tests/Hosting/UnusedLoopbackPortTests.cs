using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ControlPlane.Grains.Hosting;
using Xunit;

namespace ControlPlane.Grains.Tests.Hosting;

public sealed class UnusedLoopbackPortTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_below_the_ephemeral_range()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => UnusedLoopbackPort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        if (File.Exists("/proc/sys/net/ipv4/ip_local_port_range"))
        {
            var first = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture);
            Assert.All(ports, port => Assert.InRange(port, 1024, first - 1));
        }

        foreach (var port in ports.Take(20))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }
}
