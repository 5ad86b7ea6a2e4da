using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>The request is well-formed but the resource's current state forbids it (HTTP 409).</summary>
[GenerateSerializer, Alias("controlplane.errors.ConflictException")]
public abstract class ConflictException(string message) : DomainException(message);
