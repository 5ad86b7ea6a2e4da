using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>Lists live instances and keeps their names unique (a claim is released when the instance is deleted).</summary>
public sealed class InstanceRegistryGrain([PersistentState("instance-registry")] IPersistentState<InstanceRegistryState> state) : Grain, IInstanceRegistryGrain
{
    public async Task<bool> TryAdd(Guid instanceId, string name)
    {
        if (state.State.Instances.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal)) is { } holder)
        {
            return holder.InstanceId == instanceId;
        }

        state.State = state.State with { Instances = [.. state.State.Instances.Where(i => i.InstanceId != instanceId), new InstanceName(instanceId, name)] };
        await state.WriteStateAsync();
        return true;
    }

    public async Task Remove(Guid instanceId)
    {
        if (state.State.Instances.Any(i => i.InstanceId == instanceId))
        {
            state.State = state.State with { Instances = [.. state.State.Instances.Where(i => i.InstanceId != instanceId)] };
            await state.WriteStateAsync();
        }
    }

    public Task<Guid?> FindByName(string name) =>
        Task.FromResult(state.State.Instances.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal))?.InstanceId);

    public Task<ValueList<Guid>> List() => Task.FromResult<ValueList<Guid>>([.. state.State.Instances.Select(i => i.InstanceId)]);
}
