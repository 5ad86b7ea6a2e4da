using Orleans;
using ControlPlane.Grains.Abstractions.Sleds;

namespace ControlPlane.Grains.Sleds;

/// <summary>A known sled and the silo that announced it.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.HostedSled")]
public sealed record HostedSled([property: Id(0)] SledDescription Sled, [property: Id(1)] string SiloName);
