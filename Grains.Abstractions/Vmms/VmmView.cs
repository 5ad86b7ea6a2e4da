using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>One VMM as Nexus has persisted it: state, generation, failure reason and its migration sides.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmView")]
public sealed record VmmView
{
    [Id(0)]
    public required Guid VmmId { get; init; }

    [Id(1)]
    public required Guid InstanceId { get; init; }

    [Id(2)]
    public required Guid SledId { get; init; }

    [Id(3)]
    public required NexusVmmState State { get; init; }

    [Id(4)]
    public required Generation Generation { get; init; }

    [Id(5)]
    public required DateTimeOffset TimeUpdated { get; init; }

    [Id(6)]
    public VmmFailureReason? FailureReason { get; init; }

    /// <summary>The sled's own words for a failure (v2 <c>failure_reason</c>), when it gave any.</summary>
    [Id(7)]
    public string? FailureMessage { get; init; }

    /// <summary>This VMM as a migration target: the persisted target side.</summary>
    [Id(8)]
    public MigrationRuntimeState? MigrationIn { get; init; }

    /// <summary>This VMM as a migration source: the persisted source side.</summary>
    [Id(9)]
    public MigrationRuntimeState? MigrationOut { get; init; }

    /// <summary>Soft-deleted: the instance has released it; no more updates apply and the watcher skips it.</summary>
    [Id(10)]
    public bool Deleted { get; init; }
}
