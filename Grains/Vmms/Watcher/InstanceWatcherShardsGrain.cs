using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Vmms;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>Fans a call out to every watcher shard (thin: the sum is <see cref="WatcherPassTally.Sum"/>).</summary>
[StatelessWorker]
public sealed class InstanceWatcherShardsGrain(IOptions<VmmOptions> options) : Grain, IInstanceWatcherShardsGrain
{
    private readonly int shards = Math.Max(1, options.Value.WatcherShards);

    public Task<int> ShardCount() => Task.FromResult(shards);

    public async Task<WatcherPassReport> RunPasses() =>
        WatcherPassTally.Sum(await Task.WhenAll(Shards().Select(s => s.RunPass())));

    public async Task<ValueList<Guid>> Tracked()
    {
        var sets = await Task.WhenAll(Shards().Select(s => s.Tracked()));
        return [.. sets.SelectMany(s => s).Order()];
    }

    private IEnumerable<IInstanceWatcherGrain> Shards() => Enumerable.Range(0, shards).Select(i => GrainFactory.GetGrain<IInstanceWatcherGrain>(i));
}
