using ControlPlane.Grains.Hosting;

namespace ControlPlane.TestSupport;

/// <summary>A loopback port for a test's process or listener, picked the way the product picks an unconfigured one.</summary>
public static class FreePort
{
    public static int Next() => UnusedLoopbackPort.Next();
}
