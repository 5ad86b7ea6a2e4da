using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Where a new instance's spec comes from: the simple request (built with Nexus' conventions) or a raw wire spec.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceSpecSource")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Simple), "simple")]
[JsonDerivedType(typeof(Wire), "wire")]
public abstract record InstanceSpecSource
{
    private protected InstanceSpecSource()
    {
    }

    /// <summary>The simple create request (name, ncpus, memory_mib, disks, nics, boot disk).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceSpecSource.Simple")]
    public sealed record Simple([property: Id(0)] SimpleInstanceRequest Request) : InstanceSpecSource;

    /// <summary>A Propolis wire spec as JSON text in the shape of Propolis API version <paramref name="ApiVersion"/> (1-6).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.instances.InstanceSpecSource.Wire")]
    public sealed record Wire([property: Id(0)] string SpecJson, [property: Id(1)] int ApiVersion = 5) : InstanceSpecSource;
}
