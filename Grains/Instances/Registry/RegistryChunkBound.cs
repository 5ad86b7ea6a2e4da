using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>Where a chunk of a registry shard starts (inclusive; null for the shard's first chunk) and which chunk it is.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.RegistryChunkBound")]
public sealed record RegistryChunkBound([property: Id(0)] Guid? From, [property: Id(1)] int Chunk);
