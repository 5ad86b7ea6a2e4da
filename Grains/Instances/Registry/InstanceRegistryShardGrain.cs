using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>
/// One registry shard (<see cref="IInstanceRegistryShardGrain"/>): the ids in memory as a sorted set, persisted by its own
/// state, so an add or remove costs a set insert and one write of this shard (about N/256 ids), never the whole list.
/// </summary>
public sealed class InstanceRegistryShardGrain([PersistentState("instance-registry-shard")] IPersistentState<InstanceRegistryShardState> state)
    : Grain, IInstanceRegistryShardGrain
{
    private SortedSet<Guid> ids = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ids = [.. state.State.Ids];
        return Task.CompletedTask;
    }

    public async Task Add(Guid instanceId)
    {
        if (!ids.Contains(instanceId))
        {
            await Write([.. ids.Append(instanceId).Order()]);
            ids.Add(instanceId);
        }
    }

    public async Task Remove(Guid instanceId)
    {
        if (ids.Contains(instanceId))
        {
            await Write([.. ids.Where(id => id != instanceId)]);
            ids.Remove(instanceId);
        }
    }

    public Task<InstanceIdPage> Page(Guid? after, int limit) => Task.FromResult(SortedIds.After(ids, after, limit));

    /// <summary>The set changes in memory only once the write succeeded (<see cref="StateWrite"/> forgets a failed one).</summary>
    private Task Write(Abstractions.Specs.ValueList<Guid> next) => state.WriteOrDeactivateAsync(state.State with { Ids = next }, this);
}
