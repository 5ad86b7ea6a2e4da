using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A COM port and what drives it; port numbers are unique across the spec.</summary>
public sealed record SerialPortAssignment(SerialPortNumber Num, SerialPortDevice Device);

/// <summary>What sits behind a COM port: a UART component, or SoftNPU's PCI port (which always takes COM4).</summary>
public enum SerialPortDevice
{
    Uart,
    SoftNpu,
}
