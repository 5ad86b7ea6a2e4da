using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>The named resource does not exist (HTTP 404).</summary>
[GenerateSerializer, Alias("controlplane.errors.ResourceNotFoundException")]
public abstract class ResourceNotFoundException(string message) : DomainException(message);
