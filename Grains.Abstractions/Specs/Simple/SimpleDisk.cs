using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Specs.Simple;

/// <summary>A disk of a simple create request: an NVMe disk (as Nexus attaches them) at a logical slot 0-7.</summary>
public sealed record SimpleDisk
{
    /// <summary>The disk's id; names its backend component (the device is <c>&lt;id&gt;:device</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The disk's name; becomes its zero-padded NVMe serial number.</summary>
    public required string Name { get; init; }

    /// <summary>Logical slot 0-7, mapped to PCI 0.(16+slot).0.</summary>
    public required int Slot { get; init; }

    public bool ReadOnly { get; init; }

    public required SimpleDiskBacking Backing { get; init; }
}

/// <summary>Where a simple request's disk lives.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Crucible), "crucible")]
[JsonDerivedType(typeof(File), "file")]
public abstract record SimpleDiskBacking
{
    private protected SimpleDiskBacking()
    {
    }

    /// <summary>A Crucible volume, described by its volume construction request (secret-bearing; never printed).</summary>
    public sealed record Crucible(string RequestJson) : SimpleDiskBacking
    {
        protected override bool PrintMembers(System.Text.StringBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Append("RequestJson = ").Append(SensitivePayload.Describe(RequestJson));
            return true;
        }
    }

    /// <summary>A host file (local storage).</summary>
    public sealed record File(string Path, uint BlockSize) : SimpleDiskBacking;
}
