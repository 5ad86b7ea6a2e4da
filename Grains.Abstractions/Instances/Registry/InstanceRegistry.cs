using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>
/// The list of live instances over its shards: add and remove touch one shard; a page reads shards in id order from a
/// position, a few at a time, so its cost follows its size (plus at most the empty shards it crosses), not the total.
/// </summary>
public static class InstanceRegistry
{
    /// <summary>Shards read at once while a page is short; bounds the over-read to this many times the limit.</summary>
    private const int Fanout = 16;

    public static Task Add(this IGrainFactory grains, Guid instanceId) => Shard(grains, instanceId).Add(instanceId);

    public static Task Remove(this IGrainFactory grains, Guid instanceId) => Shard(grains, instanceId).Remove(instanceId);

    /// <summary>Up to <paramref name="limit"/> listed ids greater than <paramref name="after"/>, ascending, and whether more exist.</summary>
    public static async Task<InstanceIdPage> Page(this IGrainFactory grains, Guid? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = new List<Guid>(limit);
        var shard = after is { } position ? InstanceRegistryShards.Of(position) : 0;
        var width = 1;
        while (shard < InstanceRegistryShards.Count)
        {
            var wanted = limit - ids.Count;
            var reads = Enumerable.Range(shard, Math.Min(width, InstanceRegistryShards.Count - shard))
                .Select(s => grains.GetGrain<IInstanceRegistryShardGrain>(s).Page(s == shard ? after : null, wanted + 1))
                .ToList();
            foreach (var page in await Task.WhenAll(reads))
            {
                foreach (var id in page.Ids)
                {
                    if (ids.Count == limit)
                    {
                        return new InstanceIdPage { Ids = [.. ids], More = true };
                    }

                    ids.Add(id);
                }
            }

            shard += reads.Count;
            width = Fanout;
        }

        return new InstanceIdPage { Ids = [.. ids], More = false };
    }

    /// <summary>Every listed id, ascending (page by page; for callers that really need all of them).</summary>
    public static async Task<ValueList<Guid>> All(this IGrainFactory grains, int pageSize = 1000)
    {
        var all = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            var page = await grains.Page(after, pageSize);
            all.AddRange(page.Ids);
            if (!page.More || page.Ids.Count == 0)
            {
                return [.. all];
            }

            after = page.Ids[^1];
        }
    }

    private static IInstanceRegistryShardGrain Shard(IGrainFactory grains, Guid instanceId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IInstanceRegistryShardGrain>(InstanceRegistryShards.Of(instanceId));
    }
}
