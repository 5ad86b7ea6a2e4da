using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A DLPI VNIC (<c>dlpi_network_backend</c>); only SoftNPU ports use it.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.DlpiNetworkBackend")]
public sealed partial record DlpiNetworkBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.DlpiNetworkBackend;

    [Id(0)]
    public required string VnicName { get; init; }
}
