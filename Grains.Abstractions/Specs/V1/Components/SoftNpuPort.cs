namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A SoftNPU data port (<c>soft_npu_port</c>, falcon family); needs a <c>dlpi_network_backend</c>.</summary>
public sealed partial record SoftNpuPort : IComponent
{
    public ComponentKind Kind => ComponentKind.SoftNpuPort;

    public required string LinkName { get; init; }

    public required SpecKey BackendId { get; init; }
}
