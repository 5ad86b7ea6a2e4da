using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Instances;

/// <summary>The persisted registry: live instances and their unique names.</summary>
public sealed record InstanceRegistryState
{
    public ValueList<InstanceName> Instances { get; init; } = ValueList<InstanceName>.Empty;
}

/// <summary>One live instance's claim on a name.</summary>
public sealed record InstanceName(Guid InstanceId, string Name);
