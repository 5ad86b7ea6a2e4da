using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// The sled does not know this VMM (sled-agent's 404 <c>NO_SUCH_INSTANCE</c>): explicit evidence that the VMM
/// is gone, which Nexus turns into Failed(no_such_instance).
/// </summary>
[GenerateSerializer, Alias("controlplane.vmms.NoSuchVmmException")]
public sealed class NoSuchVmmException(string message) : ResourceNotFoundException(message)
{
    public override string Code => DomainErrorCodes.NoSuchInstance;
}
