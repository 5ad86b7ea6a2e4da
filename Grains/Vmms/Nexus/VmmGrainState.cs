using Orleans;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>The persisted Nexus-side VMM (the <c>vmm</c> row plus its migration sides); null until initialized.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.VmmGrainState")]
public sealed record VmmGrainState
{
    [Id(0)]
    public VmmView? Vmm { get; init; }
}
