using ControlPlane.Grains.Abstractions.Sleds;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Addresses the sled side of a VMM by (sled, VMM), so the key extension always names the sled (sled placement reads it).</summary>
public static class SledVmmGrainFactoryExtensions
{
    public static ISledVmmGrain GetSledVmm(this IGrainFactory factory, Guid sledId, Guid vmmId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.GetGrain<ISledVmmGrain>(vmmId, SledRole.For(sledId));
    }
}
