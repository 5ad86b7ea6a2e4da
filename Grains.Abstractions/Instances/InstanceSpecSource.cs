using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Specs.Simple;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>Where a new instance's spec comes from: the simple request (built with Nexus' conventions) or a raw wire spec.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Simple), "simple")]
[JsonDerivedType(typeof(Wire), "wire")]
public abstract record InstanceSpecSource
{
    private protected InstanceSpecSource()
    {
    }

    /// <summary>The simple create request (name, ncpus, memory_mib, disks, nics, boot disk).</summary>
    public sealed record Simple(SimpleInstanceRequest Request) : InstanceSpecSource;

    /// <summary>A Propolis wire spec as JSON text in the shape of <paramref name="ApiVersion"/> (1-3).</summary>
    public sealed record Wire(string SpecJson, int ApiVersion = 3) : InstanceSpecSource;
}
