using ControlPlane.Grains.Abstractions.Errors;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Another live instance already has this name (names are unique, as in a Nexus project).</summary>
public sealed class InstanceNameInUseException(string message) : ConflictException(message)
{
    public override string Code => "object_already_exists";
}
