using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>The cluster has no room for the request right now (HTTP 409 insufficient_capacity; Nexus answers 507, see Api/README.md).</summary>
[GenerateSerializer, Alias("controlplane.errors.InsufficientCapacityException")]
public abstract class InsufficientCapacityException(string message) : DomainException(message);
