using System.Diagnostics;
using ControlPlane.Runtime.Tests.Grains;
using Xunit;

namespace ControlPlane.Runtime.Tests.Core;

public sealed class SchedulingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_thousand_concurrent_calls_to_a_non_reentrant_grain_never_overlap()
    {
        var grain = fixture.Client.GetGrain<IConcurrencyProbeGrain>(1);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => grain.Work(0)));

        Assert.Equal(1, await grain.MaxConcurrency());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_at_awaits_but_never_runs_in_parallel()
    {
        var grain = fixture.Client.GetGrain<IReentrantProbeGrain>(1);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Work(20)));

        var max = await grain.MaxConcurrency();
        Assert.NotEqual(-1, max); // -1: two turns executed code at the same instant
        Assert.True(max > 1, $"a reentrant grain should interleave; max concurrency was {max}");
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_writes()
    {
        var readers = fixture.Client.GetGrain<IInterleavingGrain>(1);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => readers.Read(100)));
        Assert.True(await readers.MaxConcurrency() > 1);

        var mixed = fixture.Client.GetGrain<IInterleavingGrain>(2);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? mixed.Write(20) : mixed.Read(20)));
        Assert.Equal(1, await mixed.MaxConcurrency()); // a read never runs beside a write
        var writes = fixture.Client.GetGrain<IInterleavingGrain>(3);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => writes.Write(10)));
        Assert.Equal(1, await writes.MaxConcurrency());
    }

    [Fact]
    public async Task Always_interleave_runs_while_a_non_reentrant_turn_is_waiting()
    {
        var grain = fixture.Client.GetGrain<IInterleavingGrain>(4);
        var write = grain.Write(3000);
        var inside = 0;
        var deadline = DateTime.UtcNow.AddSeconds(2.5);
        while (inside == 0 && DateTime.UtcNow < deadline)
        {
            // Each Peek that returns while the write is suspended at its await has interleaved with it.
            inside = await grain.Peek().WaitAsync(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(1, inside);
        Assert.False(write.IsCompleted);
        await write;
    }

    [Fact]
    public async Task A_call_cycle_fails_fast_naming_the_cycle()
    {
        var a = fixture.Client.GetGrain<ICycleGrain>("a");
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GrainCallCycleException>(() => a.Relay(["b", "a"]));

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Contains("cycle/a -> cycle/b -> cycle/a", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await a.Relay(["b", "c"])); // both grains still answer
    }

    [Fact]
    public async Task A_self_call_on_a_non_reentrant_grain_fails_fast()
    {
        var a = fixture.Client.GetGrain<ICycleGrain>("self");
        var error = await Assert.ThrowsAsync<GrainCallCycleException>(() => a.Relay(["self"]));
        Assert.Equal("cycle/self", error.Target.ToString());
    }

    [Fact]
    public async Task Fan_in_from_one_chain_is_not_mistaken_for_a_cycle()
    {
        // x -> y -> z and then x -> z: z sees the same chain twice, but no one waits on z's own request.
        var x = fixture.Client.GetGrain<ICycleGrain>("x");
        Assert.Equal(2, await x.Relay(["y", "z"]));
        Assert.Equal(1, await x.Relay(["z"]));
    }

    [Fact]
    public async Task A_reentrant_grain_may_be_called_back_within_its_call_chain()
    {
        var a = fixture.Client.GetGrain<IReentrantCycleGrain>("a");
        Assert.Equal(3, await a.Relay(["b", "a", "b"]).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Turns_resume_on_the_activation_after_awaits()
    {
        // If continuations escaped the activation scheduler, the counter would see parallel turns.
        var grain = fixture.Client.GetGrain<IConcurrencyProbeGrain>(2);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => grain.Work(i % 3)));
        Assert.Equal(1, await grain.MaxConcurrency());
    }
}
