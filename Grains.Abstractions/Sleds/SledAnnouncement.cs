using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A silo declaring, at start-up, the sleds it hosts.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledAnnouncement")]
public sealed record SledAnnouncement
{
    [Id(0)]
    public required string SiloName { get; init; }

    [Id(1)]
    public required ValueList<SledDescription> Sleds { get; init; }
}
