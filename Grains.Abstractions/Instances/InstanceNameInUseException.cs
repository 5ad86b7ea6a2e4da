using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Another live instance already has this name (names are unique, as in a Nexus project).</summary>
[GenerateSerializer, Alias("controlplane.instances.InstanceNameInUseException")]
public sealed class InstanceNameInUseException(string message) : ConflictException(message)
{
    public override string Code => DomainErrorCodes.ObjectAlreadyExists;
}
