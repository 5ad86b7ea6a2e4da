using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A silo declaring, at start-up, the sleds it hosts.</summary>
public sealed record SledAnnouncement
{
    public required string SiloName { get; init; }

    public required ValueList<SledDescription> Sleds { get; init; }
}
