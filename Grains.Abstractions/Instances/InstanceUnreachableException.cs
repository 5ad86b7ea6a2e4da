using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The instance's VMM is gone from its sled; the instance is being moved to failed (Nexus answers 503).</summary>
[GenerateSerializer, Alias("controlplane.instances.InstanceUnreachableException")]
public sealed class InstanceUnreachableException(string message) : UnavailableException(message)
{
    public override string Code => DomainErrorCodes.InstanceUnreachable;
}
