using Orleans;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The persisted instance (Nexus's <c>instance</c> row): intent, active and target VMM with their sleds, the
/// migration id, the record's own generation, the auto-restart settings. VMM facts live in the VMM records.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceRecord")]
public sealed record InstanceRecord
{
    [Id(0)]
    public required Guid Id { get; init; }

    [Id(1)]
    public required string Name { get; init; }

    [Id(2)]
    public required InstanceSpec Spec { get; init; }

    [Id(3)]
    public required int Ncpus { get; init; }

    [Id(4)]
    public required ulong MemoryMib { get; init; }

    [Id(5)]
    public required InstanceNexusState State { get; init; }

    [Id(6)]
    public required Generation Generation { get; init; }

    [Id(7)]
    public required InstanceIntent Intent { get; init; }

    [Id(8)]
    public Guid? ActiveVmmId { get; init; }

    [Id(9)]
    public Guid? ActiveSledId { get; init; }

    [Id(10)]
    public Guid? TargetVmmId { get; init; }

    [Id(11)]
    public Guid? TargetSledId { get; init; }

    [Id(12)]
    public Guid? MigrationId { get; init; }

    /// <summary>Former migration sources still to reap once they are destroyable (Omicron's abandoned VMMs).</summary>
    [Id(13)]
    public ValueList<AbandonedVmm> AbandonedVmms { get; init; } = ValueList<AbandonedVmm>.Empty;

    [Id(14)]
    public required AutoRestartPolicy AutoRestartPolicy { get; init; }

    [Id(15)]
    public TimeSpan? AutoRestartCooldown { get; init; }

    [Id(16)]
    public DateTimeOffset? TimeLastAutoRestarted { get; init; }

    [Id(17)]
    public required DateTimeOffset TimeStateUpdated { get; init; }

    /// <summary>
    /// VMMs being let go of: written together with the recomputed record, then released one by one and cleared, so a
    /// silo that dies in between leaves the releases to the next activation instead of leaking their reservations.
    /// </summary>
    [Id(19)]
    public ValueList<VmmRelease> Releasing { get; init; } = ValueList<VmmRelease>.Empty;

    /// <summary>The saga log of the operation running now (start, migrate, stop, delete); null when none is.</summary>
    [Id(20)]
    public Sagas.InstanceSaga? Saga { get; init; }

    /// <summary>A saga or releases are recorded: work a turn began and has not finished.</summary>
    public bool HasUnfinishedWork => Saga is not null || Releasing.Count > 0;

    /// <summary>The next version of this record: generation + 1, stamped now.</summary>
    public InstanceRecord Bump(DateTimeOffset now) => this with { Generation = Generation.Next(), TimeStateUpdated = now };
}

/// <summary>A VMM the instance no longer points at but whose sled resources are still held.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.AbandonedVmm")]
public sealed record AbandonedVmm([property: Id(0)] Guid VmmId, [property: Id(1)] Guid SledId);
