using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>The persisted Nexus-side VMM (the <c>vmm</c> row plus its migration sides); null until initialized.</summary>
public sealed record VmmGrainState
{
    public VmmView? Vmm { get; init; }
}
