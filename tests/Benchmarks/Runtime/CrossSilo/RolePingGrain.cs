using ControlPlane.Runtime;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>A ping grain placed by the role in its key ("caller-3+silo1" runs on the silo carrying role "silo1").</summary>
public interface IRolePingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);
}

/// <summary>Answers at once, so a call measures the runtime's path (proxy, transport, scheduler) and nothing else.</summary>
[SiloRolePlacement]
public sealed class RolePingGrain : Grain, IRolePingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
