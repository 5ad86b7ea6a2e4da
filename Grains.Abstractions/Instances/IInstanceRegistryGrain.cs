using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The list of live instances and their unique names (key 0), for listing and lookup by name.</summary>
public interface IInstanceRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Claims <paramref name="name"/> for the instance; false when another live instance holds it.</summary>
    Task<bool> TryAdd(Guid instanceId, string name);

    Task Remove(Guid instanceId);

    [ReadOnly]
    Task<Guid?> FindByName(string name);

    [ReadOnly]
    Task<ValueList<Guid>> List();
}
