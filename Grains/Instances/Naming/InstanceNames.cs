using ControlPlane.Grains.Abstractions.Instances;
using Orleans;

namespace ControlPlane.Grains.Instances.Naming;

/// <summary>How a creating instance claims its name from the name's grain, taking over a claim whose holder is gone.</summary>
internal static class InstanceNames
{
    /// <summary>
    /// Claims <paramref name="name"/> for <paramref name="instanceId"/>. A holder that never came to exist (its create
    /// died after claiming) or was deleted loses the claim; a live holder means 409 <c>object_already_exists</c>.
    /// The holder is asked by the claimant, not by the name grain, so no grain waits on a grain that waits on it.
    /// </summary>
    public static async Task Claim(IGrainFactory grains, string name, Guid instanceId)
    {
        var claim = grains.GetGrain<IInstanceNameGrain>(name);
        var holder = await claim.Claim(instanceId);
        if (holder == instanceId)
        {
            return;
        }

        var held = await grains.GetGrain<IInstanceGrain>(holder).Find();
        if (held is { RunState: not InstanceRunState.Destroyed } || !await claim.Reclaim(holder, instanceId))
        {
            throw new InstanceNameInUseException($"An instance named '{name}' already exists.");
        }
    }
}
