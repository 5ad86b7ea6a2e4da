using Orleans;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// The saga log of the one operation an instance is running, kept in the instance record and written with every
/// step's outcome: which saga, which way it is going, the index of the next step to run (or, unwinding, the highest
/// step whose undo may still be owed), the ids its steps are keyed by, and why it is unwinding.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceSaga")]
public sealed record InstanceSaga
{
    [Id(0)]
    public required SagaKind Kind { get; init; }

    [Id(1)]
    public SagaPhase Phase { get; init; } = SagaPhase.Forward;

    /// <summary>Forward: the next step to run. Unwinding: the highest step that may have had an effect.</summary>
    [Id(2)]
    public int Cursor { get; init; }

    /// <summary>The VMM the saga creates (start: the new active VMM; migrate: the target).</summary>
    [Id(3)]
    public Guid? VmmId { get; init; }

    /// <summary>The sled of <see cref="VmmId"/>: chosen by <see cref="SagaStep.ReserveSled"/> (start) or asked for (migrate).</summary>
    [Id(4)]
    public Guid? SledId { get; init; }

    [Id(5)]
    public Guid? MigrationId { get; init; }

    /// <summary>The instance's own state before the saga, restored when linking the VMM is undone.</summary>
    [Id(6)]
    public required InstanceNexusState PreviousState { get; init; }

    /// <summary>Why the saga unwinds (the failed step's error, or the interruption).</summary>
    [Id(7)]
    public string? FailureReason { get; init; }

    [Id(8)]
    public Guid? SourceVmmId { get; init; }

    [Id(9)]
    public Guid? SourceSledId { get; init; }

    public SagaDefinition Definition => SagaDefinition.For(Kind);

    public static InstanceSaga Start(Guid vmmId, InstanceNexusState previous) => new() { Kind = SagaKind.Start, VmmId = vmmId, PreviousState = previous };

    public static InstanceSaga Migrate(Guid targetVmmId, Guid dstSledId, Guid migrationId, Guid sourceVmmId, Guid sourceSledId, InstanceNexusState previous) => new()
    {
        Kind = SagaKind.Migrate,
        VmmId = targetVmmId,
        SledId = dstSledId,
        MigrationId = migrationId,
        SourceVmmId = sourceVmmId,
        SourceSledId = sourceSledId,
        PreviousState = previous,
    };

    public static InstanceSaga Stop(Guid vmmId, Guid sledId, InstanceNexusState previous) => new() { Kind = SagaKind.Stop, VmmId = vmmId, SledId = sledId, PreviousState = previous };

    public static InstanceSaga Reboot(Guid vmmId, Guid sledId, InstanceNexusState previous) => new() { Kind = SagaKind.Reboot, VmmId = vmmId, SledId = sledId, PreviousState = previous };

    public static InstanceSaga Delete(InstanceNexusState previous) => new() { Kind = SagaKind.Delete, PreviousState = previous };
}
