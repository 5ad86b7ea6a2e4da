using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>What is reserved on a sled.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledUsage")]
public sealed record SledUsage([property: Id(0)] int UsedCpus, [property: Id(1)] ulong UsedMemoryMib)
{
    public static SledUsage None { get; } = new(0, 0);
}
