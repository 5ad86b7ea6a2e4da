using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// An operation as ordered steps, each with or without an undo, and what to do when a saga is found half done after
/// its activation died: start and migrate unwind (nobody is waiting for them any more and the undos leave nothing
/// held), stop, reboot and delete go forward (their steps are safe to repeat and have nothing to undo).
/// </summary>
public sealed record SagaDefinition(SagaKind Kind, ValueList<SagaStepDefinition> Steps, bool UnwindWhenInterrupted)
{
    private static readonly SagaDefinition StartSaga = new(
        SagaKind.Start,
        [
            new(SagaStep.ReserveSled, HasUndo: true),
            new(SagaStep.CreateVmmRecord, HasUndo: true),
            new(SagaStep.LinkActiveVmm, HasUndo: true),
            new(SagaStep.RegisterOnSled, HasUndo: true),
            new(SagaStep.EnsureRunning, HasUndo: false),
        ],
        UnwindWhenInterrupted: true);

    private static readonly SagaDefinition MigrateSaga = new(
        SagaKind.Migrate,
        [
            new(SagaStep.ReserveSled, HasUndo: true),
            new(SagaStep.CreateVmmRecord, HasUndo: true),
            new(SagaStep.BeginMigrationOut, HasUndo: false),
            new(SagaStep.SetMigrationIds, HasUndo: true),
            new(SagaStep.RegisterOnSled, HasUndo: true),
            new(SagaStep.EnsureMigrating, HasUndo: false),
        ],
        UnwindWhenInterrupted: true);

    private static readonly SagaDefinition StopSaga = new(
        SagaKind.Stop,
        [new(SagaStep.RecordStopIntent, HasUndo: false), new(SagaStep.RequestStop, HasUndo: false)],
        UnwindWhenInterrupted: false);

    private static readonly SagaDefinition DeleteSaga = new(
        SagaKind.Delete,
        [new(SagaStep.MarkDestroyed, HasUndo: false), new(SagaStep.ReleaseName, HasUndo: false)],
        UnwindWhenInterrupted: false);

    private static readonly SagaDefinition RebootSaga = new(SagaKind.Reboot, [new(SagaStep.RequestReboot, HasUndo: false)], UnwindWhenInterrupted: false);

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    public static SagaDefinition For(SagaKind kind) => kind switch
    {
        SagaKind.Start => StartSaga,
        SagaKind.Migrate => MigrateSaga,
        SagaKind.Stop => StopSaga,
        SagaKind.Delete => DeleteSaga,
        SagaKind.Reboot => RebootSaga,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
