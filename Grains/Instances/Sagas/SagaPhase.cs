using Orleans;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>Whether a saga is still going forward or undoing what it did.</summary>
[GenerateSerializer, Alias("controlplane.state.SagaPhase")]
public enum SagaPhase
{
    Forward,
    Unwinding,
}
