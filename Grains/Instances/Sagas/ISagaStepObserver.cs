namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// Told each time an instance has recorded a saga step's or undo's outcome (registered in the silo's services; none by
/// default). Tests use it to stop a silo exactly between two steps.
/// </summary>
public interface ISagaStepObserver
{
    void Recorded(Guid instanceId, SagaKind kind, SagaStep step, SagaPhase phase);
}
