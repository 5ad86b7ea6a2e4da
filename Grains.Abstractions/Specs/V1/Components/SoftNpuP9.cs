using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>SoftNPU's P9 device for loading the P4 program (<c>soft_npu_p9</c>, falcon family).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.SoftNpuP9")]
public sealed partial record SoftNpuP9 : IComponent
{
    public ComponentKind Kind => ComponentKind.SoftNpuP9;

    [Id(0)]
    public required PciPath PciPath { get; init; }
}
