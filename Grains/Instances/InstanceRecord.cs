using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V3;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The persisted instance (Nexus's <c>instance</c> row): intent, active and target VMM with their sleds, the
/// migration id, the record's own generation, the auto-restart settings. VMM facts live in the VMM records.
/// </summary>
public sealed record InstanceRecord
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required InstanceSpec Spec { get; init; }

    public required int Ncpus { get; init; }

    public required ulong MemoryMib { get; init; }

    public required InstanceNexusState State { get; init; }

    public required Generation Generation { get; init; }

    public required InstanceIntent Intent { get; init; }

    public Guid? ActiveVmmId { get; init; }

    public Guid? ActiveSledId { get; init; }

    public Guid? TargetVmmId { get; init; }

    public Guid? TargetSledId { get; init; }

    public Guid? MigrationId { get; init; }

    /// <summary>Former migration sources still to reap once they are destroyable (Omicron's abandoned VMMs).</summary>
    public ValueList<AbandonedVmm> AbandonedVmms { get; init; } = ValueList<AbandonedVmm>.Empty;

    public required AutoRestartPolicy AutoRestartPolicy { get; init; }

    public TimeSpan? AutoRestartCooldown { get; init; }

    public DateTimeOffset? TimeLastAutoRestarted { get; init; }

    public required DateTimeOffset TimeStateUpdated { get; init; }

    /// <summary>The next version of this record: generation + 1, stamped now.</summary>
    public InstanceRecord Bump(DateTimeOffset now) => this with { Generation = Generation.Next(), TimeStateUpdated = now };
}

/// <summary>A VMM the instance no longer points at but whose sled resources are still held.</summary>
public sealed record AbandonedVmm(Guid VmmId, Guid SledId);
