using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>
/// One chunk of a registry shard (<see cref="IInstanceRegistryChunkGrain"/>): its ids in memory as a sorted set, persisted
/// by its own state; a write holds at most about <see cref="RegistryChunkIndex.Capacity"/> ids. Reads and writes see only
/// the range the shard names, so ids a split already moved away are never listed twice.
/// </summary>
public sealed class InstanceRegistryChunkGrain([PersistentState("instance-registry-chunk")] IPersistentState<InstanceRegistryChunkState> state)
    : Grain, IInstanceRegistryChunkGrain
{
    private SortedSet<Guid> ids = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ids = [.. state.State.Ids];
        return Task.CompletedTask;
    }

    public async Task<int> Add(Guid instanceId, IdRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var next = SortedIds.Within(ids, range);
        if (next.Add(instanceId) || next.Count != ids.Count)
        {
            await Write(next);
        }

        return ids.Count;
    }

    public async Task Remove(Guid instanceId, IdRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var next = SortedIds.Within(ids, range);
        if (next.Remove(instanceId) || next.Count != ids.Count)
        {
            await Write(next);
        }
    }

    public Task<InstanceIdPage> Page(Guid? after, int limit, IdRange range) => Task.FromResult(SortedIds.After(SortedIds.Within(ids, range), after, limit));

    public Task<ValueList<Guid>> UpperHalf(IdRange range) => Task.FromResult<ValueList<Guid>>([.. SortedIds.UpperHalf(SortedIds.Within(ids, range))]);

    public Task Replace(ValueList<Guid> ids, IdRange range)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(range);
        return Write([.. ids.Where(range.Contains)]);
    }

    public async Task Trim(IdRange range)
    {
        var next = SortedIds.Within(ids, range);
        if (next.Count != ids.Count)
        {
            await Write(next);
        }
    }

    /// <summary>The set changes in memory only once the write succeeded (<see cref="StateWrite"/> forgets a failed one).</summary>
    private async Task Write(SortedSet<Guid> next)
    {
        await state.WriteOrDeactivateAsync(new InstanceRegistryChunkState { Ids = [.. next] }, this);
        ids = next;
    }
}
