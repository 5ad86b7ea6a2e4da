using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The operation is not allowed in the instance's current run state (e.g. start while stopping, delete while running).</summary>
[GenerateSerializer, Alias("controlplane.instances.InstanceTransitionNotAllowedException")]
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

    [Id(0)]
    public Guid InstanceId { get; }

    [Id(1)]
    public InstanceOperation Operation { get; }

    [Id(2)]
    public InstanceRunState RunState { get; }

    public override string Code => DomainErrorCodes.InvalidStateTransition;
}
