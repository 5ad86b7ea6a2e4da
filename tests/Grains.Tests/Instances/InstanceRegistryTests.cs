using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Instances.Registry;
using ControlPlane.Grains.Tests.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>
/// The sharded registry: shard order is id order, a shard's page is a range read, pages over the shards walk every id once,
/// and a shard's ids live in chunks of bounded size that split, so no write grows with the number of instances.
/// </summary>
public sealed class InstanceRegistryTests
{
    [Fact]
    public void Shards_in_turn_each_ascending_are_every_id_in_guid_order()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();
        var byShards = ids.OrderBy(InstanceRegistryShards.Of).ThenBy(id => id).ToList();
        Assert.Equal(ids.Order().ToList(), byShards);
        Assert.Equal(0x12, InstanceRegistryShards.Of(Guid.Parse("12ffffff-0000-0000-0000-000000000000")));
        Assert.Equal(255, InstanceRegistryShards.Of(Guid.Parse("ff000000-0000-0000-0000-000000000000")));
    }

    [Fact]
    public void A_shard_page_is_the_ids_after_the_position_and_says_whether_more_follow()
    {
        var ids = new SortedSet<Guid>(Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()));
        var all = ids.ToList();

        var first = SortedIds.After(ids, null, 4);
        Assert.Equal(all.Take(4), first.Ids);
        Assert.True(first.More);
        var rest = SortedIds.After(ids, first.Ids[^1], 6);
        Assert.Equal(all.Skip(4), rest.Ids);
        Assert.False(rest.More);
        Assert.Equal(all.Skip(3), SortedIds.After(ids, Between(all[2], all[3]), 100).Ids);
        Assert.Empty(SortedIds.After(ids, all[^1], 5).Ids);
        Assert.Empty(SortedIds.After([], null, 5).Ids);
    }

    [Fact]
    public async Task Pages_over_the_shards_walk_every_listed_id_once_in_order_and_removal_unlists()
    {
        await using var c = await VmmCluster.StartAsync();
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(ids.Select(id => c.Client.Add(id)));
        await Task.WhenAll(ids.Take(10).Select(id => c.Client.Add(id))); // idempotent

        var walked = new List<Guid>();
        Guid? after = null;
        InstanceIdPage page;
        do
        {
            page = await c.Client.Page(after, 7);
            Assert.InRange(page.Ids.Count, 0, 7);
            walked.AddRange(page.Ids);
            after = page.Ids.Count > 0 ? page.Ids[^1] : after;
        }
        while (page.More);

        Assert.Equal(ids.Order().ToList(), walked);
        await Task.WhenAll(ids.Take(100).Select(id => c.Client.Remove(id)));
        await c.Client.Remove(ids[0]);
        Assert.Equal(ids.Skip(100).Order().ToList(), await c.Client.All(pageSize: 13));
    }

    [Fact]
    public void The_chunk_index_locates_ids_walks_in_order_and_splits_at_a_pivot()
    {
        var index = RegistryChunkIndex.Of(new InstanceRegistryShardState());
        var low = Guid.Parse("42000000-0000-0000-0000-000000000001");
        var pivot = Guid.Parse("42800000-0000-0000-0000-000000000000");
        var high = Guid.Parse("42ffffff-0000-0000-0000-000000000000");
        Assert.Equal((0, IdRange.All), index.Locate(high));

        var split = index.Split(0, pivot);
        Assert.Equal((0, new IdRange(null, pivot)), split.Locate(low));
        Assert.Equal((1, new IdRange(pivot, null)), split.Locate(pivot));
        Assert.Equal((1, new IdRange(pivot, null)), split.Locate(high));
        Assert.Equal([0, 1], split.From(null).Select(c => c.Chunk));
        Assert.Equal([1], split.From(high).Select(c => c.Chunk));
        Assert.Equal(2, split.NextChunk);

        var again = RegistryChunkIndex.Of(split.Split(0, Guid.Parse("42400000-0000-0000-0000-000000000000")).ToState());
        Assert.Equal([0, 2, 1], again.From(null).Select(c => c.Chunk));
        Assert.Throws<ArgumentOutOfRangeException>(() => again.Split(1, low)); // below chunk 1's range
        Assert.Throws<ArgumentOutOfRangeException>(() => again.Split(1, pivot)); // its start: nothing would stay below
        Assert.False(new IdRange(null, pivot).Contains(pivot));
    }

    [Fact]
    public async Task A_shard_with_many_ids_splits_into_chunks_and_still_walks_every_id_once_in_order()
    {
        await using var c = await VmmCluster.StartAsync();
        var ids = Enumerable.Range(0, 5 * RegistryChunkIndex.Capacity).Select(_ => InShard(0x42)).ToList();
        foreach (var batch in ids.Chunk(64))
        {
            await Task.WhenAll(batch.Select(id => c.Client.Add(id)));
        }

        Assert.InRange(await ChunkActivations(c), 5, 2 * 5); // only this shard's chunks exist before a walk crosses the others
        Assert.Equal(ids.Order().ToList(), await WalkAsync(c, 7));
        await Task.WhenAll(ids.Take(400).Select(id => c.Client.Remove(id)));
        Assert.Equal(ids.Skip(400).Order().ToList(), await c.Client.All(pageSize: 50));
    }

    [Fact]
    public async Task A_split_whose_index_write_fails_loses_and_duplicates_no_id()
    {
        await using var c = await VmmCluster.StartAsync();
        var ids = Enumerable.Range(0, 3 * RegistryChunkIndex.Capacity).Select(_ => InShard(0x17)).ToList();
        c.StorageFaults.FailNthWrite(1, "instance-registry-shard"); // the first split's index write
        foreach (var id in ids)
        {
            await c.Client.Add(id);
        }

        Assert.Equal(1, c.StorageFaults.Injected);
        Assert.True(await ChunkActivations(c) >= 3, "the chunk split again on a later add");
        Assert.Equal(ids.Order().ToList(), await WalkAsync(c, 100));
    }

    private static async Task<List<Guid>> WalkAsync(VmmCluster c, int limit)
    {
        var walked = new List<Guid>();
        Guid? after = null;
        InstanceIdPage page;
        do
        {
            page = await c.Client.Page(after, limit);
            Assert.InRange(page.Ids.Count, 0, limit);
            walked.AddRange(page.Ids);
            after = page.Ids.Count > 0 ? page.Ids[^1] : after;
        }
        while (page.More);

        return walked;
    }

    private static async Task<int> ChunkActivations(VmmCluster c) =>
        (await c.Client.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + nameof(InstanceRegistryChunkGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    /// <summary>A random id whose leading byte (its registry shard) is <paramref name="shard"/>.</summary>
    private static Guid InShard(byte shard)
    {
        var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
        bytes[0] = shard;
        return new Guid(bytes, bigEndian: true);
    }

    private static Guid Between(Guid low, Guid high)
    {
        // The smallest id above low (low + 1 in big-endian), which is below high unless they are adjacent.
        var bytes = low.ToByteArray(bigEndian: true);
        for (var i = 15; i >= 0 && ++bytes[i] == 0; i--)
        {
        }

        var between = new Guid(bytes, bigEndian: true);
        return between.CompareTo(high) < 0 ? between : low;
    }
}
