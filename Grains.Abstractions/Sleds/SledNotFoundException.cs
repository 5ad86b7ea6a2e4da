using ControlPlane.Grains.Abstractions.Errors;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>No sled with this id is known to the cluster.</summary>
public sealed class SledNotFoundException(string message) : ResourceNotFoundException(message)
{
    public override string Code => "sled_not_found";
}
