using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Simple;

/// <summary>A NIC of a simple create request at a logical slot 0-7 (PCI 0.(8+slot).0).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleNic")]
public sealed record SimpleNic
{
    /// <summary>The NIC's id: names its backend, tags its metrics (interface id).</summary>
    [Id(0)]
    public required Guid Id { get; init; }

    [Id(1)]
    public required int Slot { get; init; }

    /// <summary>The host VNIC; empty means "the sled agent fills it in", as Nexus leaves it.</summary>
    [Id(2)]
    public string VnicName { get; init; } = string.Empty;
}
