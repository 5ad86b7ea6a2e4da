using ControlPlane.Grains.Abstractions.Errors;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The operation is not allowed in the instance's current run state (e.g. start while stopping, delete while running).</summary>
public sealed class InstanceTransitionNotAllowedException : ConflictException
{
    public InstanceTransitionNotAllowedException(Guid instanceId, InstanceOperation operation, InstanceRunState runState, string? detail = null)
        : base($"Cannot {operation.ToString().ToLowerInvariant()} instance {instanceId} while it is {runState.ToString().ToLowerInvariant()}{(detail is null ? "." : $": {detail}")}")
    {
        InstanceId = instanceId;
        Operation = operation;
        RunState = runState;
    }

    public InstanceTransitionNotAllowedException(string message)
        : base(message)
    {
    }

    public Guid InstanceId { get; }

    public InstanceOperation Operation { get; }

    public InstanceRunState RunState { get; }

    public override string Code => "invalid_state_transition";
}
