using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>A request that can never succeed as written (reboot without a VMM, migrate to the sled it is on...).</summary>
[GenerateSerializer, Alias("controlplane.instances.InvalidInstanceRequestException")]
public sealed class InvalidInstanceRequestException(string message) : InvalidRequestException(message)
{
    public override string Code => DomainErrorCodes.InvalidRequest;
}
