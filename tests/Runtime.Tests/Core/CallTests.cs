using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Runtime.Tests.Core;

public sealed class CallTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_timed_out_call_throws_TimeoutException_and_the_grain_answers_the_next_call()
    {
        var grain = fixture.Client.GetGrain<ISlowGrain>(1);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.SleepWithShortTimeout(1500));

        Assert.Contains("outcome is unknown", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await grain.Ping()); // queued behind the slow turn, then served
    }

    [Fact]
    public async Task The_default_response_timeout_is_configurable_per_silo()
    {
        await using var cluster = new TestClusterBuilder()
            .ConfigureServices(s => s.AddSingleton(new ProbeLog()))
            .AddSiloBuilderConfigurator(silo => silo.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300)))
            .Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<ISlowGrain>(1);

        await Assert.ThrowsAsync<TimeoutException>(() => grain.Sleep(1000));
        await Task.Delay(1000); // the timed-out turn still runs to its end; then the grain is free again
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task An_expired_request_is_dropped_without_running()
    {
        var grain = fixture.Client.GetGrain<ISlowGrain>(2);
        var blocker = grain.Sleep(800);
        var tag = Guid.NewGuid().ToString("N");

        // Queued behind the 800 ms turn with a 200 ms deadline: it times out and must never run.
        var queued = grain.CountedWorkWithShortTimeout(tag);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        await blocker;

        Assert.Equal(1, await grain.Ping()); // served after the expired request's place in the queue
        Assert.Equal(0, fixture.Log.Count(tag));
    }

    [Fact]
    public async Task A_cancellation_token_reaches_a_running_grain_method()
    {
        var grain = fixture.Client.GetGrain<ISlowGrain>(3);
        using var cts = new CancellationTokenSource();
        var call = grain.WaitForCancellation(cts.Token);
        await WaitUntil(() => fixture.Log.Events.Contains("waiting"));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_never_runs()
    {
        var grain = fixture.Client.GetGrain<ISlowGrain>(4);
        var tag = Guid.NewGuid().ToString("N");
        var blocker = grain.Sleep(3000); // long enough that the cancellation reaches the gateway while the work is still queued, even on a loaded machine
        using var cts = new CancellationTokenSource();
        var queued = grain.CountedWork(tag, cts.Token);
        await Task.Delay(50);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(5)));
        await blocker;
        Assert.Equal(0, fixture.Log.Count(tag));
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_the_call_without_sending_it()
    {
        var grain = fixture.Client.GetGrain<ISlowGrain>(5);
        var tag = Guid.NewGuid().ToString("N");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => grain.CountedWork(tag, new CancellationToken(canceled: true)));
        Assert.Equal(0, fixture.Log.Count(tag));
    }

    [Fact]
    public async Task One_way_calls_return_at_once_and_their_failures_do_not_reach_the_caller()
    {
        var grain = fixture.Client.GetGrain<IOneWayGrain>(1);
        var slow = grain.NotifySlowly(300);
        Assert.True(slow.IsCompleted, "a one-way call must not wait for the grain");

        await grain.NotifyAndThrow(); // no exception reaches us
        await grain.Notify(5);
        await grain.Notify(7);

        Assert.Equal(1012, await grain.Total()); // ordered behind the one-way turns on the same activation
    }

    [Fact]
    public async Task A_one_way_callee_may_call_back_into_its_busy_caller_without_a_cycle_error()
    {
        // The caller does not wait for a one-way call, so no wait cycle exists: the callback just queues behind the turn.
        var notifier = fixture.Client.GetGrain<INotifierGrain>(1);
        await notifier.NotifyAndStayBusy(fixture.Client.GetGrain<INotifiedGrain>(1));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // hang guard only
        while (!fixture.Log.Events.Any(e => e.StartsWith("callback", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains("callback:notifier-1", fixture.Log.Events);
    }

    [Fact]
    public async Task Grain_exceptions_reach_the_caller_with_their_type_and_message()
    {
        var grain = fixture.Client.GetGrain<IThrowingGrain>(Guid.NewGuid());

        var invalid = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("boom 17"));
        Assert.Equal("boom 17", invalid.Message);
        var custom = await Assert.ThrowsAsync<QuotaExceededException>(() => grain.ThrowCustom(3));
        Assert.Equal(3, custom.Quota);
        var argument = await Assert.ThrowsAsync<ArgumentException>(async () => await grain.ThrowFromValueTask());
        Assert.Equal("value", argument.ParamName);
        Assert.Equal(42, await grain.Ok()); // the grain survives its exceptions
    }

    [Fact]
    public async Task Grain_references_can_be_passed_as_arguments_and_returned()
    {
        var counter = fixture.Client.GetGrain<ICounterGrain>(77);
        var relay = fixture.Client.GetGrain<IRelayGrain>(1);

        Assert.Equal(5, await relay.AddTo(counter, 5));
        var echoed = await relay.Echo(counter);
        Assert.Equal(counter.GetGrainId(), echoed.GetGrainId());
        Assert.Equal(8, await echoed.Increment(3));

        var self = await relay.Self();
        Assert.Equal(relay.GetGrainId(), self.GetGrainId());
        Assert.Equal(9, await self.AddTo(counter, 1));
    }

    [Fact]
    public async Task In_process_calls_copy_mutable_arguments_but_not_immutable_ones()
    {
        var grain = fixture.Silo.Client.GetGrain<ICopyGrain>(1); // the co-hosted client: this test is about in-process calls
        var payload = new Payload { Name = "p", Items = [1, 2, 3] };
        await grain.Keep(payload);
        payload.Items.Add(4); // the caller mutates after the call

        Assert.Equal([1, 2, 3], await grain.KeptItemsAfterCallerMutated());
        Assert.NotSame(payload, fixture.Log.Captured["payload"]);
        var returned = await grain.Kept();
        Assert.NotSame(fixture.Log.Captured["payload"], returned); // results are copied too

        var frozen = new FrozenPayload([1, 2]);
        await grain.KeepFrozen(frozen);
        Assert.Same(frozen, fixture.Log.Captured["frozen"]);

        var list = new List<int> { 9 };
        await grain.KeepImmutable(new Immutable<List<int>>(list));
        Assert.Same(list, fixture.Log.Captured["immutable"]);
    }

    [Fact]
    public void Getting_a_reference_does_no_io_and_activates_nothing()
    {
        var before = fixture.Silo.ActivationCount;
        var grain = fixture.Client.GetGrain<ICounterGrain>(987654);

        Assert.Equal(before, fixture.Silo.ActivationCount);
        Assert.Equal("counter/987654", grain.GetGrainId().ToString());
    }

    [Fact]
    public async Task Every_key_shape_reaches_its_grain()
    {
        var guid = Guid.NewGuid();
        var compound = fixture.Client.GetGrain<IKeysGrain>(guid, "ext-1");
        Assert.Equal((guid, "ext-1"), await compound.Keys());

        var integerCompound = fixture.Client.GetGrain<IIntegerCompoundGrain>(-42, "rack/7");
        Assert.Equal("-42:rack/7", await integerCompound.Describe());

        var text = fixture.Client.GetGrain<IStringKeyGrain>("sled-α");
        Assert.Equal("sled-α", await text.Key());
        Assert.Equal("pinned-string-key", text.GetGrainId().Type);

        var poco = fixture.Client.GetGrain<IPocoGrain>(3);
        Assert.Equal("hello ann from poco/3", await poco.Hello("ann"));
        Assert.Equal("abc", await poco.Echo("a", "b", "c"));
    }

    [Fact]
    public async Task Same_key_different_grain_types_are_different_grains()
    {
        var counter = fixture.Client.GetGrain<ICounterGrain>(5000);
        var relay = fixture.Client.GetGrain<IRelayGrain>(5000);
        Assert.NotEqual(counter.GetGrainId(), relay.GetGrainId());
        Assert.Equal(1, await counter.Increment(1));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 5 s");
            await Task.Delay(10);
        }
    }
}
