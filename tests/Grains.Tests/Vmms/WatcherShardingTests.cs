using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms.Watcher;
using Orleans;
using Xunit;

namespace ControlPlane.Grains.Tests.Vmms;

/// <summary>
/// The sharded instance watcher: a VMM's shard is a stable function of its id, a shard's pass runs at most
/// <c>WatcherConcurrency</c> checks at once, VMMs on different shards are all checked (a lost doorbell on each is recovered
/// by one pass of every shard), and enrolment is idempotent.
/// </summary>
public sealed class WatcherShardingTests
{
    private const int TestShards = 8; // ControlPlaneSiloConfigurator.ApplyTestTimings

    [Fact]
    public void A_vmm_s_shard_is_in_range_the_same_on_every_call_and_the_ids_spread_over_every_shard()
    {
        var ids = Enumerable.Range(0, 4_000).Select(_ => Guid.NewGuid()).ToList();
        var shards = ids.Select(id => WatcherShard.Of(id, TestShards)).ToList();

        Assert.All(shards, s => Assert.InRange(s, 0, TestShards - 1));
        Assert.Equal(shards, ids.Select(id => WatcherShard.Of(id, TestShards)));
        var perShard = shards.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(TestShards, perShard.Count);
        Assert.All(perShard.Values, n => Assert.InRange(n, 300, 700)); // 500 expected each; a constant hash would put all 4,000 in one
        Assert.Equal(0, WatcherShard.Of(Guid.NewGuid(), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WatcherShard.Of(Guid.NewGuid(), 0));
    }

    [Fact]
    public void The_shard_depends_only_on_the_id_s_bytes_not_on_the_process()
    {
        // FNV-1a over the 16 bytes of Guid.TryWriteBytes: a process with another hash seed must agree, so the value is fixed.
        var id = Guid.Parse("5f0c0a61-3b1e-4c8e-9a51-000000000001");
        Assert.Equal(Fnv1a(id) % 1024, (uint)WatcherShard.Of(id, 1024));
        Assert.Equal(Fnv1a(id) % 7, (uint)WatcherShard.Of(id, 7));

        static uint Fnv1a(Guid g)
        {
            var hash = 2166136261u;
            foreach (var b in g.ToByteArray())
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }

            return hash;
        }
    }

    [Fact]
    public async Task A_pass_runs_at_most_the_configured_number_of_checks_at_once_and_every_item_once()
    {
        var gates = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var started = 0;
        var inFlight = 0;
        var peak = 0;
        var run = BoundedChecks.RunAsync(Enumerable.Range(0, 10).ToList(), 3, async i =>
        {
            Interlocked.Increment(ref started);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            var result = await gates[i].Task;
            Interlocked.Decrement(ref inFlight);
            return result;
        });

        await Until(() => Volatile.Read(ref started) == 3);
        await Task.Yield();
        Assert.Equal(3, Volatile.Read(ref started)); // the other seven wait for a free slot
        gates[0].SetResult(100);
        await Until(() => Volatile.Read(ref started) == 4); // a freed slot takes the next item at once, not after the batch
        Assert.False(run.IsCompleted);
        for (var i = 1; i < gates.Count; i++)
        {
            gates[i].SetResult(100 + i);
        }

        var results = await run;
        Assert.Equal(Enumerable.Range(100, 10), results);
        Assert.Equal(10, started);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task Vmms_on_different_shards_are_all_tracked_by_their_own_shard_and_all_checked_by_one_pass_of_every_shard()
    {
        await using var c = await VmmCluster.StartAsync(64);
        Assert.Equal(TestShards, await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).ShardCount());
        var running = new List<Abstractions.Instances.InstanceView>();
        while (running.Select(v => WatcherShard.Of(v.ActiveVmmId!.Value, TestShards)).Distinct().Count() < 2)
        {
            Assert.True(running.Count < 20, "20 VMMs all hashed to one shard");
            running.Add(await c.RunningInstance($"web-{running.Count}"));
        }

        var vmmIds = running.Select(v => v.ActiveVmmId!.Value).ToList();
        foreach (var vmmId in vmmIds)
        {
            var shard = WatcherShard.Of(vmmId, TestShards);
            Assert.Contains(vmmId, await c.Client.GetGrain<IInstanceWatcherGrain>(shard).Tracked());
            foreach (var other in Enumerable.Range(0, TestShards).Where(s => s != shard))
            {
                Assert.DoesNotContain(vmmId, await c.Client.GetGrain<IInstanceWatcherGrain>(other).Tracked());
            }
        }

        Assert.Equal(vmmIds.Order(), await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).Tracked());

        // One lost doorbell on a VMM of each of two shards: one pass of every shard recovers both.
        var lost = running.GroupBy(v => WatcherShard.Of(v.ActiveVmmId!.Value, TestShards)).Take(2).Select(g => g.First()).ToList();
        foreach (var view in lost)
        {
            var sled = c.SledVmm(view.SledId!.Value, view.ActiveVmmId!.Value);
            await sled.InjectFault(VmmFault.DropDoorbells);
            await sled.InjectFault(VmmFault.GuestShutdown);
            await c.Until(async () => (await sled.GetStateV2())?.VmmState.State == Abstractions.Vmms.V1.VmmState.Destroyed, "destroyed on the sled");
        }

        var report = await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).RunPasses();
        Assert.Equal(vmmIds.Count, report.Checked);
        Assert.Equal(2, report.Applied);
        Assert.Equal(vmmIds.Count - 2, report.Unchanged);
        foreach (var view in lost)
        {
            Assert.Equal(NexusVmmState.Destroyed, (await c.VmmOf(view.ActiveVmmId!.Value)).State);
        }
    }

    [Fact]
    public async Task Enrolling_and_leaving_are_idempotent_and_a_vmm_that_never_existed_is_dropped_by_its_shard_s_pass()
    {
        await using var c = await VmmCluster.StartAsync();
        var vmmId = Guid.NewGuid();
        var shard = c.Client.GetGrain<IInstanceWatcherGrain>(WatcherShard.Of(vmmId, TestShards));

        await shard.Track(vmmId);
        await shard.Track(vmmId);
        Assert.Equal([vmmId], await shard.Tracked());
        await shard.Untrack(vmmId);
        await shard.Untrack(vmmId);
        Assert.Empty(await shard.Tracked());

        await shard.Track(vmmId);
        var report = await shard.RunPass(); // no VMM grain state: not live, so the shard lets it go
        Assert.Equal(0, report.Checked);
        Assert.Empty(await shard.Tracked());
        Assert.Empty(await c.Client.GetGrain<IInstanceWatcherShardsGrain>(0).Tracked());
    }

    [Fact]
    public async Task Every_shard_with_vmms_holds_its_keep_alive_reminder_and_a_shard_that_becomes_empty_drops_it()
    {
        await using var c = await VmmCluster.StartAsync(64);
        var running = new List<Abstractions.Instances.InstanceView>();
        while (running.Select(v => WatcherShard.Of(v.ActiveVmmId!.Value, TestShards)).Distinct().Count() < 2)
        {
            Assert.True(running.Count < 20, "20 VMMs all hashed to one shard");
            running.Add(await c.RunningInstance($"web-{running.Count}"));
        }

        var occupied = running.Select(v => WatcherShard.Of(v.ActiveVmmId!.Value, TestShards)).ToHashSet();
        for (var shard = 0; shard < TestShards; shard++)
        {
            Assert.Equal(occupied.Contains(shard), await HasKeepAlive(c, shard));
        }

        var empty = Enumerable.Range(0, TestShards).First(s => !occupied.Contains(s));
        var ghost = Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()).First(id => WatcherShard.Of(id, TestShards) == empty);
        await c.Client.GetGrain<IInstanceWatcherGrain>(empty).Track(ghost);
        Assert.True(await HasKeepAlive(c, empty));
        await c.Client.GetGrain<IInstanceWatcherGrain>(empty).RunPass(); // the ghost is not live: the shard empties
        Assert.False(await HasKeepAlive(c, empty));
        Assert.True(await HasKeepAlive(c, occupied.First()));
    }

    private static async Task<bool> HasKeepAlive(VmmCluster c, int shard)
    {
        var rows = await c.Reminders.ReadRows(c.Client.GetGrain<IInstanceWatcherGrain>(shard).GetGrainId());
        return rows.Reminders.Any(r => r.ReminderName == InstanceWatcherGrain.KeepAliveReminder);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition never held");
            }

            await Task.Delay(5);
        }
    }
}
