using ControlPlane.Grains.Abstractions.Sleds;

namespace ControlPlane.Grains.Sleds;

/// <summary>A known sled and the silo that announced it.</summary>
public sealed record HostedSled(SledDescription Sled, string SiloName);
