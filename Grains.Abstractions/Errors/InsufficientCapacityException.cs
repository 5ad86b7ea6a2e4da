namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>The cluster has no room for the request right now (HTTP 507 Insufficient Storage, as Nexus does).</summary>
public abstract class InsufficientCapacityException(string message) : DomainException(message);
