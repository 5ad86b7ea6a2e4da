using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans;

namespace ControlPlane.Grains.Instances.Registry;

/// <summary>
/// One registry shard (<see cref="IInstanceRegistryShardGrain"/>): an index of chunks (<see cref="RegistryChunkIndex"/>),
/// each a grain holding one range of the shard's ids. An add or remove writes one chunk (at most about
/// <see cref="RegistryChunkIndex.Capacity"/> ids), and a full chunk is split: its upper half written to a new chunk, the
/// index written, the old chunk trimmed. A crash between those steps leaves an unreferenced chunk (overwritten by the next
/// split) or ids above the cut in the old chunk (outside the range it is now asked for: never read, dropped later).
/// </summary>
public sealed class InstanceRegistryShardGrain(
    [PersistentState("instance-registry-shard")] IPersistentState<InstanceRegistryShardState> state,
    ILogger<InstanceRegistryShardGrain> logger) : Grain, IInstanceRegistryShardGrain
{
    private RegistryChunkIndex index = RegistryChunkIndex.Of(new InstanceRegistryShardState());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index = RegistryChunkIndex.Of(state.State);
        return Task.CompletedTask;
    }

    public async Task Add(Guid instanceId)
    {
        var (chunk, range) = index.Locate(instanceId);
        if (await Chunk(chunk).Add(instanceId, range) <= RegistryChunkIndex.Capacity)
        {
            return;
        }

        try
        {
            await Split(chunk, range);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The id is listed either way; the next add to this chunk splits it again.
            logger.LogWarning(ex, "Registry shard {Shard}: splitting chunk {Chunk} failed", this.GetPrimaryKeyLong(), chunk);
        }
    }

    public Task Remove(Guid instanceId)
    {
        var (chunk, range) = index.Locate(instanceId);
        return Chunk(chunk).Remove(instanceId, range);
    }

    public async Task<InstanceIdPage> Page(Guid? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = new List<Guid>(limit + 1);
        foreach (var (chunk, range) in index.From(after))
        {
            ids.AddRange((await Chunk(chunk).Page(after, limit + 1 - ids.Count, range)).Ids);
            if (ids.Count > limit)
            {
                break;
            }
        }

        return new InstanceIdPage { Ids = [.. ids.Take(limit)], More = ids.Count > limit };
    }

    private async Task Split(int chunk, IdRange range)
    {
        var upper = await Chunk(chunk).UpperHalf(range);
        if (upper.Count == 0)
        {
            return;
        }

        var added = index.NextChunk;
        var split = index.Split(chunk, upper[0]);
        await Chunk(added).Replace(upper, range with { From = upper[0] });
        await state.WriteOrDeactivateAsync(split.ToState(), this);
        index = split;
        await Chunk(chunk).Trim(range with { To = upper[0] });
    }

    /// <summary>Chunk grains are keyed by shard (high 32 bits) and chunk number (low 32 bits).</summary>
    private IInstanceRegistryChunkGrain Chunk(int chunk) => GrainFactory.GetGrain<IInstanceRegistryChunkGrain>((this.GetPrimaryKeyLong() << 32) | (uint)chunk);
}
