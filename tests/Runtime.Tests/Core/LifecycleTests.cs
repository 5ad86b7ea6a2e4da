using ControlPlane.Runtime.Tests.Grains;
using Xunit;

namespace ControlPlane.Runtime.Tests.Core;

public sealed class LifecycleTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_grain_activates_on_first_call_and_keeps_its_activation_between_calls()
    {
        var grain = fixture.Client.GetGrain<ILifecycleGrain>(1);
        var first = await grain.ActivationId();
        var second = await grain.ActivationId();

        Assert.Equal(first, second);
        Assert.Contains("activate:1:visits=0", fixture.Log.Events);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_call_and_the_next_call_gets_a_new_activation_with_persisted_state()
    {
        var grain = fixture.Client.GetGrain<ILifecycleGrain>(2);
        var before = await grain.ActivationId();
        await grain.Visit("ann");
        await grain.Visit("bob");

        await grain.Deactivate();
        await fixture.Silo.WaitForDeactivationAsync(grain.GetGrainId()).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains("deactivate:2:ApplicationRequested", fixture.Log.Events);
        var after = await grain.ActivationId();
        Assert.NotEqual(before, after);
        Assert.Contains("activate:2:visits=2", fixture.Log.Events);
        Assert.Equal(3, (await grain.Visit("cy")).Visits);
    }

    [Fact]
    public async Task An_idle_grain_is_collected_and_reactivates_with_its_persisted_state()
    {
        // LifecycleGrain has [CollectionAgeLimit(Seconds = 1)]; the fixture scans every 100 ms.
        var grain = fixture.Client.GetGrain<ILifecycleGrain>(3);
        var first = await grain.ActivationId();
        await grain.Visit("dee");

        await WaitUntil(() => fixture.Log.Events.Contains("deactivate:3:ActivationIdle"), TimeSpan.FromSeconds(10));

        Assert.NotEqual(first, await grain.ActivationId());
        Assert.Contains("activate:3:visits=1", fixture.Log.Events);
    }

    [Fact]
    public async Task A_busy_grain_is_not_collected()
    {
        // Age 1 s, calls every 150 ms: 15 calls in a row must see one activation. A gap the test itself could not keep
        // short (a stalled CI machine) would let the grain be idle for real, so such a gap restarts the count.
        var grain = fixture.Client.GetGrain<ILifecycleGrain>(4);
        var first = await grain.ActivationId();
        var inARow = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; inARow < 15 && attempt < 300; attempt++)
        {
            await Task.Delay(150);
            var current = await grain.ActivationId();
            var sinceLastCall = clock.Elapsed; // from the previous answer to this one: the longest the grain could have idled
            clock.Restart();
            if (sinceLastCall > TimeSpan.FromMilliseconds(700))
            {
                first = current;
                inARow = 0;
                continue;
            }

            Assert.Equal(first, current);
            inARow++;
        }

        Assert.Equal(15, inARow);
    }

    [Fact]
    public async Task A_failed_activation_surfaces_the_error_and_leaves_nothing_behind()
    {
        var grain = fixture.Client.GetGrain<IFailingActivationGrain>(1);
        var activationsBefore = fixture.Silo.ActivationCount;

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => grain.Hello());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("first activation refuses to start", error.InnerException!.Message);
        Assert.Equal(activationsBefore, fixture.Silo.ActivationCount); // no half-built activation stays
        var ticksAfterFailure = fixture.Log.Count("failed-activation-timer-tick");
        await Task.Delay(100);
        Assert.Equal(ticksAfterFailure, fixture.Log.Count("failed-activation-timer-tick")); // its timer died with it
        Assert.DoesNotContain("failing-grain-deactivated", fixture.Log.Events); // it never became active

        Assert.Equal("hello", await grain.Hello()); // the next call activates afresh
    }

    [Fact]
    public async Task A_missing_storage_provider_fails_activation_with_a_clear_error()
    {
        var grain = fixture.Client.GetGrain<IMissingStoreGrain>(1);
        var error = await Assert.ThrowsAsync<GrainActivationException>(() => grain.Get());
        Assert.Contains("no-such-store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stateless_worker_runs_up_to_its_maximum_activations_locally()
    {
        var worker = fixture.Client.GetGrain<IWorkerGrain>(0);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => worker.Work(50)));

        var distinct = ids.Distinct().Count();
        Assert.True(distinct is >= 1 and <= 2, $"[StatelessWorker(2)] used {distinct} activations");
        Assert.Equal(2, (int)fixture.Log.Captured["max-workers-inside"]!); // two ran at once, never three
    }

    [Fact]
    public async Task Timer_ticks_never_overlap_and_the_period_counts_from_the_end_of_the_callback()
    {
        var grain = fixture.Client.GetGrain<ITimerGrain>(1);
        await grain.Start(periodMs: 50, callbackMs: 80, keepAlive: true); // KeepAlive: outlives the 600 ms idle age
        await WaitUntil(() => fixture.Log.Count("tick:1") >= 4, TimeSpan.FromSeconds(5));
        await grain.StopTimer();

        var ticks = await grain.Ticks();
        Assert.Equal(1, await grain.MaxOverlap());
        for (var i = 1; i < ticks.Count; i++)
        {
            var gap = ticks[i].Start - ticks[i - 1].End;
            Assert.True(gap >= 40, $"tick {i} started {gap} ms after the previous one ended; the period is 50 ms from the end");
        }
    }

    [Fact]
    public async Task A_timer_does_not_keep_its_grain_alive()
    {
        // "timer" has a 600 ms collection age in the fixture; its timer ticks every 50 ms.
        var grain = fixture.Client.GetGrain<ITimerGrain>(2);
        await grain.Start(periodMs: 50, callbackMs: 1, keepAlive: false);

        await WaitUntil(() => fixture.Log.Events.Contains("timer-grain-deactivated:2:ActivationIdle"), TimeSpan.FromSeconds(10));
        var ticks = fixture.Log.Count("tick:2");
        Assert.True(ticks > 0);
        await Task.Delay(200);
        Assert.Equal(ticks, fixture.Log.Count("tick:2")); // the timer died with its activation
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_grain()
    {
        await using var cluster = new Testing.TestClusterBuilder()
            .ConfigureServices(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, fixture.Log))
            .Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<ILifecycleGrain>(500);
        await grain.ActivationId();

        await cluster.StopAllSilosAsync();

        Assert.Contains("deactivate:500:ShuttingDown", fixture.Log.Events);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not reached in {timeout}");
            await Task.Delay(20);
        }
    }
}
