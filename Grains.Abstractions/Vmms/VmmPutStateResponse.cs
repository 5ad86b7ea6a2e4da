using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The state right after a requested change (sled-agent <c>VmmPutStateResponse</c>).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmPutStateResponse")]
public sealed record VmmPutStateResponse
{
    [Id(0)]
    public SledVmmState? UpdatedRuntime { get; init; }
}
