using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The list of live instances and their unique names (key 0), for listing and lookup by name.</summary>
[Alias("controlplane.IInstanceRegistryGrain")]
public interface IInstanceRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Claims <paramref name="name"/> for the instance; false when another live instance holds it.</summary>
    [Alias("TryAdd")]
    Task<bool> TryAdd(Guid instanceId, string name);

    [Alias("Remove")]
    Task Remove(Guid instanceId);

    [ReadOnly]
    [Alias("FindByName")]
    Task<Guid?> FindByName(string name);

    [ReadOnly]
    [Alias("List")]
    Task<ValueList<Guid>> List();
}
