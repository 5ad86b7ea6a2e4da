using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Live-migrates a running instance to another sled (operator API).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceMigrateRequest")]
public sealed record InstanceMigrateRequest
{
    [Id(0)]
    public required Guid DstSledId { get; init; }
}
