using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A 16550 UART at one of the four ISA COM ports (<c>serial_port</c>).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.SerialPort")]
public sealed partial record SerialPort : IComponent
{
    public ComponentKind Kind => ComponentKind.SerialPort;

    [Id(0)]
    public required SerialPortNumber Num { get; init; }
}
