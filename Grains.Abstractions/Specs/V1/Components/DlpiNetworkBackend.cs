namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>A DLPI VNIC (<c>dlpi_network_backend</c>); only SoftNPU ports use it.</summary>
public sealed partial record DlpiNetworkBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.DlpiNetworkBackend;

    public required string VnicName { get; init; }
}
