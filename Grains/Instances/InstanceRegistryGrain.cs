using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>Lists live instances (names are unique through <see cref="Naming.InstanceNameGrain"/>, not here).</summary>
public sealed class InstanceRegistryGrain([PersistentState("instance-registry")] IPersistentState<InstanceRegistryState> state) : Grain, IInstanceRegistryGrain
{
    public async Task Add(Guid instanceId, string name)
    {
        if (state.State.Instances.Any(i => i.InstanceId == instanceId))
        {
            return;
        }

        state.State = state.State with { Instances = [.. state.State.Instances, new InstanceName(instanceId, name)] };
        await state.WriteStateAsync();
    }

    public async Task Remove(Guid instanceId)
    {
        if (state.State.Instances.Any(i => i.InstanceId == instanceId))
        {
            state.State = state.State with { Instances = [.. state.State.Instances.Where(i => i.InstanceId != instanceId)] };
            await state.WriteStateAsync();
        }
    }

    public Task<ValueList<Guid>> List() => Task.FromResult<ValueList<Guid>>([.. state.State.Instances.Select(i => i.InstanceId)]);
}
