using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>No sled with this id is known to the cluster.</summary>
[GenerateSerializer, Alias("controlplane.sleds.SledNotFoundException")]
public sealed class SledNotFoundException(string message) : ResourceNotFoundException(message)
{
    public override string Code => DomainErrorCodes.SledNotFound;
}
