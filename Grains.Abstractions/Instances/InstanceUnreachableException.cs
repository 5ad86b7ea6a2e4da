using ControlPlane.Grains.Abstractions.Errors;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The instance's VMM is gone from its sled; the instance is being moved to failed (Nexus answers 503).</summary>
public sealed class InstanceUnreachableException(string message) : UnavailableException(message)
{
    public override string Code => "instance_unreachable";
}
