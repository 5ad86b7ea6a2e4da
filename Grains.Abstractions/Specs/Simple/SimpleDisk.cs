using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Simple;

/// <summary>A disk of a simple create request: an NVMe disk (as Nexus attaches them) at a logical slot 0-7.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleDisk")]
public sealed record SimpleDisk
{
    /// <summary>The disk's id; names its backend component (the device is <c>&lt;id&gt;:device</c>).</summary>
    [Id(0)]
    public required Guid Id { get; init; }

    /// <summary>The disk's name; becomes its zero-padded NVMe serial number.</summary>
    [Id(1)]
    public required string Name { get; init; }

    /// <summary>Logical slot 0-7, mapped to PCI 0.(16+slot).0.</summary>
    [Id(2)]
    public required int Slot { get; init; }

    [Id(3)]
    public bool ReadOnly { get; init; }

    [Id(4)]
    public required SimpleDiskBacking Backing { get; init; }
}

/// <summary>Where a simple request's disk lives.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Crucible), "crucible")]
[JsonDerivedType(typeof(File), "file")]
[GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleDiskBacking")]
public abstract record SimpleDiskBacking
{
    private protected SimpleDiskBacking()
    {
    }

    /// <summary>A Crucible volume, described by its volume construction request (secret-bearing; never printed).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleDiskBacking.Crucible")]
    public sealed record Crucible([property: Id(0)] string RequestJson) : SimpleDiskBacking
    {
        protected override bool PrintMembers(System.Text.StringBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Append("RequestJson = ").Append(SensitivePayload.Describe(RequestJson));
            return true;
        }
    }

    /// <summary>A host file (local storage).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleDiskBacking.File")]
    public sealed record File([property: Id(0)] string Path, [property: Id(1)] uint BlockSize) : SimpleDiskBacking;
}
