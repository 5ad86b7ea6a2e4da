using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Instances.Registry;
using ControlPlane.Grains.Tests.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>The sharded registry: shard order is id order, a shard's page is a range read, and pages over the shards walk every id once.</summary>
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
