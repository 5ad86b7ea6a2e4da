using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Instances.Naming;

/// <summary>
/// One name's claim (key: the name), compare-and-set only: whether a holder is gone is decided by the claimant, which
/// asks the holder itself, so this grain never calls an instance (and an instance waiting on it never waits on itself).
/// </summary>
public sealed class InstanceNameGrain([PersistentState("instance-name")] IPersistentState<InstanceNameState> state) : Grain, IInstanceNameGrain
{
    public async Task<Guid> Claim(Guid instanceId)
    {
        if (state.State.Holder is { } holder)
        {
            return holder;
        }

        await state.WriteOrDeactivateAsync(new InstanceNameState { Holder = instanceId }, this);
        return instanceId;
    }

    public async Task<bool> Reclaim(Guid holder, Guid instanceId)
    {
        if (state.State.Holder == instanceId)
        {
            return true;
        }

        if (state.State.Holder is { } current && current != holder)
        {
            return false;
        }

        await state.WriteOrDeactivateAsync(new InstanceNameState { Holder = instanceId }, this);
        return true;
    }

    public async Task Release(Guid instanceId)
    {
        if (state.State.Holder == instanceId)
        {
            await state.WriteOrDeactivateAsync(new InstanceNameState(), this);
        }
    }

    public Task<Guid?> Holder() => Task.FromResult(state.State.Holder);
}
