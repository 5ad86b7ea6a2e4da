using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>The request itself is wrong whatever the state (HTTP 400).</summary>
[GenerateSerializer, Alias("controlplane.errors.InvalidRequestException")]
public abstract class InvalidRequestException(string message) : DomainException(message);
