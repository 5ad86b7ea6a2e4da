using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The last state of an unregistered VMM; null when the sled did not know it.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmUnregisterResponse")]
public sealed record VmmUnregisterResponse
{
    [Id(0)]
    public SledVmmState? UpdatedRuntime { get; init; }
}
