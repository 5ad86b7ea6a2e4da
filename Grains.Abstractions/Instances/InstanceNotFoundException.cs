using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>No instance with this id exists (never created, or deleted).</summary>
[GenerateSerializer, Alias("controlplane.instances.InstanceNotFoundException")]
public sealed class InstanceNotFoundException : ResourceNotFoundException
{
    public InstanceNotFoundException(Guid instanceId)
        : base($"Instance {instanceId} not found.") => InstanceId = instanceId;

    public InstanceNotFoundException(string message)
        : base(message)
    {
    }

    [Id(0)]
    public Guid InstanceId { get; }

    public override string Code => DomainErrorCodes.InstanceNotFound;
}
