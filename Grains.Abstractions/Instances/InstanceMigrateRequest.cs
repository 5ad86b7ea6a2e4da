namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Live-migrates a running instance to another sled (operator API).</summary>
public sealed record InstanceMigrateRequest
{
    public required Guid DstSledId { get; init; }
}
