using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>A sled as the API shows it: capacity, what is reserved on it, the silo hosting it and whether that silo is alive.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.sleds.SledView")]
public sealed record SledView
{
    [Id(0)]
    public required Guid Id { get; init; }

    [Id(1)]
    public required int Cpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }

    [Id(3)]
    public required int UsedCpus { get; init; }

    [Id(4)]
    public required ulong UsedMemoryMib { get; init; }

    /// <summary>The silo that announced the sled; null when none has.</summary>
    [Id(5)]
    public string? HostingSilo { get; init; }

    [Id(6)]
    public required bool Reachable { get; init; }
}
