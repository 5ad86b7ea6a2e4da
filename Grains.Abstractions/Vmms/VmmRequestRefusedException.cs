using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The sled refused a requested VMM state in the VMM's current state (e.g. reboot while starting).</summary>
[GenerateSerializer, Alias("controlplane.vmms.VmmRequestRefusedException")]
public sealed class VmmRequestRefusedException(string message) : ConflictException(message)
{
    public override string Code => DomainErrorCodes.VmmRequestRefused;
}
