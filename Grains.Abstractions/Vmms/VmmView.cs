using ControlPlane.Grains.Abstractions.Vmms.V1;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>One VMM as Nexus has persisted it: state, generation, failure reason and its migration sides.</summary>
public sealed record VmmView
{
    public required Guid VmmId { get; init; }

    public required Guid InstanceId { get; init; }

    public required Guid SledId { get; init; }

    public required NexusVmmState State { get; init; }

    public required Generation Generation { get; init; }

    public required DateTimeOffset TimeUpdated { get; init; }

    public VmmFailureReason? FailureReason { get; init; }

    /// <summary>The sled's own words for a failure (v2 <c>failure_reason</c>), when it gave any.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>This VMM as a migration target: the persisted target side.</summary>
    public MigrationRuntimeState? MigrationIn { get; init; }

    /// <summary>This VMM as a migration source: the persisted source side.</summary>
    public MigrationRuntimeState? MigrationOut { get; init; }

    /// <summary>Soft-deleted: the instance has released it; no more updates apply and the watcher skips it.</summary>
    public bool Deleted { get; init; }
}
