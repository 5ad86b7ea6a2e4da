using Orleans;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>A ping grain placed on the silo named in its key (<c>caller3@Secondary_1</c> runs on the silo named <c>Secondary_1</c>).</summary>
[Alias("benchmarks.INamedSiloPingGrain")]
public interface INamedSiloPingGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);

    /// <summary>Where this activation runs (the silo address), to check placement before measuring.</summary>
    [Alias("Where")]
    Task<string> Where();
}

/// <summary>Answers at once, so a call measures the runtime's path (proxy, transport, scheduler) and nothing else.</summary>
[NamedSiloPlacement]
public sealed class NamedSiloPingGrain : Grain, INamedSiloPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);

    public Task<string> Where() => Task.FromResult(RuntimeIdentity);
}
