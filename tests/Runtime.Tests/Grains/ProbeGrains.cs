using System.Collections.Concurrent;
using ControlPlane.Runtime;

namespace ControlPlane.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithIntegerKey
{
    Task<int> Increment(int by);

    Task<int> Get();
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;

    public Task<int> Increment(int by) => Task.FromResult(_value += by);

    public Task<int> Get() => Task.FromResult(_value);
}

/// <summary>Counts turns that run at the same time inside one activation.</summary>
public sealed class ConcurrencyMeter
{
    private int _current;
    private int _max;

    public int Max => Volatile.Read(ref _max);

    public async Task MeasureAsync(Func<Task> body)
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        try
        {
            await body();
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }
}

public interface IConcurrencyProbeGrain : IGrainWithIntegerKey
{
    Task Work(int delayMs);

    Task<int> MaxConcurrency();
}

public interface IReentrantProbeGrain : IGrainWithIntegerKey
{
    Task Work(int delayMs);

    Task<int> MaxConcurrency();
}

public sealed class ConcurrencyProbeGrain : Grain, IConcurrencyProbeGrain
{
    private readonly ConcurrencyMeter _meter = new();

    public Task Work(int delayMs) => _meter.MeasureAsync(async () =>
    {
        await Task.Yield();
        if (delayMs > 0)
        {
            await Task.Delay(delayMs);
        }
    });

    public Task<int> MaxConcurrency() => Task.FromResult(_meter.Max);
}

[Reentrant]
public sealed class ReentrantProbeGrain : Grain, IReentrantProbeGrain
{
    private readonly ConcurrencyMeter _meter = new();
    private int _threadsInside;
    private int _parallelViolations;

    public Task Work(int delayMs) => _meter.MeasureAsync(async () =>
    {
        await Task.Yield();
        // Interleaving is allowed at awaits, but two turns must never execute code at the same instant.
        if (Interlocked.Increment(ref _threadsInside) > 1)
        {
            Interlocked.Increment(ref _parallelViolations);
        }

        Thread.SpinWait(100);
        Interlocked.Decrement(ref _threadsInside);
        await Task.Delay(delayMs);
    });

    public Task<int> MaxConcurrency() => Task.FromResult(_parallelViolations > 0 ? -1 : _meter.Max);
}

public interface IInterleavingGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task Read(int delayMs);

    Task Write(int delayMs);

    [AlwaysInterleave]
    Task<int> Peek();

    [AlwaysInterleave]
    Task<int> MaxConcurrency();
}

public sealed class InterleavingGrain : Grain, IInterleavingGrain
{
    private readonly ConcurrencyMeter _meter = new();
    private int _inside;

    public Task Read(int delayMs) => _meter.MeasureAsync(async () =>
    {
        Interlocked.Increment(ref _inside);
        await Task.Delay(delayMs);
        Interlocked.Decrement(ref _inside);
    });

    public Task Write(int delayMs) => _meter.MeasureAsync(async () =>
    {
        Interlocked.Increment(ref _inside);
        await Task.Delay(delayMs);
        Interlocked.Decrement(ref _inside);
    });

    public Task<int> Peek() => Task.FromResult(Volatile.Read(ref _inside));

    public Task<int> MaxConcurrency() => Task.FromResult(_meter.Max);
}

/// <summary>Records which thread-pool-independent facts tests need to see from inside grains.</summary>
public sealed class ProbeLog
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentDictionary<string, int> Counters { get; } = new();

    public ConcurrentDictionary<string, object?> Captured { get; } = new();

    public void Add(string e) => Events.Enqueue(e);

    public int Bump(string key) => Counters.AddOrUpdate(key, 1, (_, v) => v + 1);

    public int Count(string key) => Counters.GetValueOrDefault(key);
}
