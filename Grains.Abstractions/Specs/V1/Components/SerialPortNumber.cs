using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A COM port, <c>com1</c> to <c>com4</c> on the wire.</summary>
[GenerateSerializer, Alias("controlplane.specs.v1.SerialPortNumber")]
public enum SerialPortNumber
{
    Com1,
    Com2,
    Com3,
    Com4,
}
