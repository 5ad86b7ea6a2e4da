using ControlPlane.Runtime;

namespace ControlPlane.Runtime.Tests.Grains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls the first grain in <paramref name="path"/> with the rest of it; returns the depth reached.</summary>
    Task<int> Relay(List<string> path);
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<int> Relay(List<string> path)
    {
        if (path.Count == 0)
        {
            return 0;
        }

        var next = GrainFactory.GetGrain<ICycleGrain>(path[0]);
        return 1 + await next.Relay(path.Skip(1).ToList());
    }
}

public interface IReentrantCycleGrain : IGrainWithStringKey
{
    Task<int> Relay(List<string> path);
}

[Reentrant]
public sealed class ReentrantCycleGrain : Grain, IReentrantCycleGrain
{
    public async Task<int> Relay(List<string> path)
    {
        if (path.Count == 0)
        {
            return 0;
        }

        return 1 + await GrainFactory.GetGrain<IReentrantCycleGrain>(path[0]).Relay(path.Skip(1).ToList());
    }
}

public interface ISlowGrain : IGrainWithIntegerKey
{
    Task<int> Sleep(int delayMs);

    [ResponseTimeout("00:00:00.200")]
    Task<int> SleepWithShortTimeout(int delayMs);

    Task<int> Ping();

    Task<string> WaitForCancellation(CancellationToken cancellationToken);

    Task<int> CountedWork(string tag, CancellationToken cancellationToken);

    [ResponseTimeout("00:00:00.200")]
    Task<int> CountedWorkWithShortTimeout(string tag);
}

public sealed class SlowGrain(ProbeLog log) : Grain, ISlowGrain
{
    private int _pings;

    public async Task<int> Sleep(int delayMs)
    {
        await Task.Delay(delayMs);
        return delayMs;
    }

    public Task<int> SleepWithShortTimeout(int delayMs) => Sleep(delayMs);

    public Task<int> Ping() => Task.FromResult(++_pings);

    public async Task<string> WaitForCancellation(CancellationToken cancellationToken)
    {
        log.Add("waiting");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "not cancelled";
    }

    public Task<int> CountedWork(string tag, CancellationToken cancellationToken) => Task.FromResult(log.Bump(tag));

    public Task<int> CountedWorkWithShortTimeout(string tag) => Task.FromResult(log.Bump(tag));
}

public interface IOneWayGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Notify(int value);

    [OneWay]
    Task NotifyAndThrow();

    [OneWay]
    ValueTask NotifySlowly(int delayMs);

    Task<int> Total();
}

public sealed class OneWayGrain : Grain, IOneWayGrain
{
    private int _total;

    public Task Notify(int value)
    {
        _total += value;
        return Task.CompletedTask;
    }

    public Task NotifyAndThrow() => throw new InvalidOperationException("one-way failure");

    public async ValueTask NotifySlowly(int delayMs)
    {
        await Task.Delay(delayMs);
        _total += 1000;
    }

    public Task<int> Total() => Task.FromResult(_total);
}

public sealed class QuotaExceededException(string message, int quota) : Exception(message)
{
    public int Quota { get; } = quota;
}

public interface IThrowingGrain : IGrainWithGuidKey
{
    Task Throw(string message);

    Task<int> ThrowCustom(int quota);

    ValueTask<int> ThrowFromValueTask();

    Task<int> Ok();
}

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    public Task Throw(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowCustom(int quota)
    {
        await Task.Yield();
        throw new QuotaExceededException($"quota {quota} exceeded", quota);
    }

    public ValueTask<int> ThrowFromValueTask() => throw new ArgumentException("bad argument", "value");

    public Task<int> Ok() => Task.FromResult(42);
}

public interface IRelayGrain : IGrainWithIntegerKey
{
    Task<int> AddTo(ICounterGrain counter, int amount);

    Task<ICounterGrain> Echo(ICounterGrain counter);

    Task<IRelayGrain> Self();
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<int> AddTo(ICounterGrain counter, int amount) => counter.Increment(amount);

    public Task<ICounterGrain> Echo(ICounterGrain counter) => Task.FromResult(counter);

    public Task<IRelayGrain> Self() => Task.FromResult(GrainContext.GrainReference.AsReference<IRelayGrain>());
}

public sealed class Payload
{
    public List<int> Items { get; set; } = [];

    public string Name { get; set; } = "";
}

[Immutable]
public sealed class FrozenPayload(IReadOnlyList<int> items)
{
    public IReadOnlyList<int> Items { get; } = items;
}

public interface ICopyGrain : IGrainWithIntegerKey
{
    Task Keep(Payload payload);

    Task KeepFrozen(FrozenPayload payload);

    Task KeepImmutable(Immutable<List<int>> items);

    Task<Payload> Kept();

    Task<List<int>> KeptItemsAfterCallerMutated();
}

public sealed class CopyGrain(ProbeLog log) : Grain, ICopyGrain
{
    private Payload? _kept;

    public Task Keep(Payload payload)
    {
        _kept = payload;
        log.Captured["payload"] = payload;
        return Task.CompletedTask;
    }

    public Task KeepFrozen(FrozenPayload payload)
    {
        log.Captured["frozen"] = payload;
        return Task.CompletedTask;
    }

    public Task KeepImmutable(Immutable<List<int>> items)
    {
        log.Captured["immutable"] = items.Value;
        return Task.CompletedTask;
    }

    public Task<Payload> Kept() => Task.FromResult(_kept!);

    public Task<List<int>> KeptItemsAfterCallerMutated() => Task.FromResult(_kept!.Items.ToList());
}
