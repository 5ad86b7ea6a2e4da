using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A SoftNPU data port (<c>soft_npu_port</c>, falcon family); needs a <c>dlpi_network_backend</c>.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.SoftNpuPort")]
public sealed partial record SoftNpuPort : IComponent
{
    public ComponentKind Kind => ComponentKind.SoftNpuPort;

    [Id(0)]
    public required string LinkName { get; init; }

    [Id(1)]
    public required SpecKey BackendId { get; init; }
}
