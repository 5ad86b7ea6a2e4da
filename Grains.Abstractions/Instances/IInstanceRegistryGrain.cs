using ControlPlane.Grains.Abstractions.Specs;
using Orleans;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The list of live instances (key 0), for listing; names are kept unique by <see cref="IInstanceNameGrain"/>.</summary>
[Alias("controlplane.IInstanceRegistryGrain")]
public interface IInstanceRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the instance (idempotent).</summary>
    [Alias("Add")]
    Task Add(Guid instanceId, string name);

    [Alias("Remove")]
    Task Remove(Guid instanceId);

    [ReadOnly]
    [Alias("List")]
    Task<ValueList<Guid>> List();
}
