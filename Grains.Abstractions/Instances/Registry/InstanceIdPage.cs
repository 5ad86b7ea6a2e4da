using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>Ids in ascending order and whether more follow them in the range that was read.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceIdPage")]
public sealed record InstanceIdPage
{
    [Id(0)]
    public required ValueList<Guid> Ids { get; init; }

    [Id(1)]
    public required bool More { get; init; }

    public static InstanceIdPage Empty { get; } = new() { Ids = ValueList<Guid>.Empty, More = false };
}
