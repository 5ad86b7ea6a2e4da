using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>
/// One instance name (key: the name): which instance holds it. Names are claimed here, one grain per name, so that
/// uniqueness needs no global list on the create path; the claim is released when its instance is deleted, and a
/// claim whose instance never came to exist (or was deleted) is taken over with <see cref="Reclaim"/>.
/// </summary>
[Alias("controlplane.IInstanceNameGrain")]
public interface IInstanceNameGrain : IGrainWithStringKey
{
    /// <summary>Claims the name for <paramref name="instanceId"/> if free; returns the holder (the caller when it got it).</summary>
    [Alias("Claim")]
    Task<Guid> Claim(Guid instanceId);

    /// <summary>Moves the claim from <paramref name="holder"/> (checked to be gone by the caller) to <paramref name="instanceId"/>; false when someone else holds it now.</summary>
    [Alias("Reclaim")]
    Task<bool> Reclaim(Guid holder, Guid instanceId);

    /// <summary>Releases the name if <paramref name="instanceId"/> holds it; idempotent.</summary>
    [Alias("Release")]
    Task Release(Guid instanceId);

    [ReadOnly]
    [Alias("Holder")]
    Task<Guid?> Holder();
}
