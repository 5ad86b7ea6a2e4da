using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>No reachable sled (or not the requested one) has the CPUs and memory the VMM needs.</summary>
[GenerateSerializer, Alias("controlplane.sleds.NoSledCapacityException")]
public sealed class NoSledCapacityException(string message) : InsufficientCapacityException(message)
{
    public override string Code => DomainErrorCodes.InsufficientCapacity;
}
