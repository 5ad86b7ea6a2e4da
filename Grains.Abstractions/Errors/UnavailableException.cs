using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>A dependency of the request is (perhaps temporarily) unreachable (HTTP 503).</summary>
[GenerateSerializer, Alias("controlplane.errors.UnavailableException")]
public abstract class UnavailableException(string message) : DomainException(message);
