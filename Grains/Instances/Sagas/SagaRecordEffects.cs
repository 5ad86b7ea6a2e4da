using ControlPlane.Grains.Abstractions.Instances;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// What each step and undo changes in the instance record itself (pure); written together with the step's outcome,
/// so the record and the saga log never disagree. Steps that only act on other grains leave the record as it is.
/// </summary>
public static class SagaRecordEffects
{
    public static InstanceRecord Forward(InstanceRecord record, InstanceSaga saga, SagaStep step)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(saga);
        return step switch
        {
            SagaStep.LinkActiveVmm => record with { State = InstanceNexusState.Vmm, Intent = InstanceIntent.Running, ActiveVmmId = saga.VmmId, ActiveSledId = saga.SledId },
            SagaStep.SetMigrationIds => record with { MigrationId = saga.MigrationId, TargetVmmId = saga.VmmId, TargetSledId = saga.SledId },
            SagaStep.RecordStopIntent => record with { Intent = InstanceIntent.Stopped },
            SagaStep.MarkDestroyed => record with { State = InstanceNexusState.Destroyed, Intent = InstanceIntent.Destroyed, ActiveVmmId = null, ActiveSledId = null },
            _ => record,
        };
    }

    public static InstanceRecord Backward(InstanceRecord record, InstanceSaga saga, SagaStep step)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(saga);
        return step switch
        {
            // Only undo what this saga did: an instance-update may have moved the record on since.
            SagaStep.LinkActiveVmm when record.ActiveVmmId == saga.VmmId =>
                record with { State = saga.PreviousState, ActiveVmmId = null, ActiveSledId = null },
            SagaStep.SetMigrationIds when record.TargetVmmId == saga.VmmId && record.MigrationId == saga.MigrationId =>
                record with { MigrationId = null, TargetVmmId = null, TargetSledId = null },
            _ => record,
        };
    }
}
