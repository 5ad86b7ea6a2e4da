using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.Simple;

/// <summary>
/// The simple create request (<c>POST /v1/instances</c> without a raw spec): what a user says about a
/// VM, from which the server builds the spec with Nexus' conventions (slot-to-PCI map, names, COM1-4, pvpanic).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.simple.SimpleInstanceRequest")]
public sealed record SimpleInstanceRequest
{
    /// <summary>The instance's name (not part of the spec; kept for error messages and callers).</summary>
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public required int Ncpus { get; init; }

    [Id(2)]
    public required ulong MemoryMib { get; init; }

    [Id(3)]
    public ValueList<SimpleDisk> Disks { get; init; } = ValueList<SimpleDisk>.Empty;

    [Id(4)]
    public ValueList<SimpleNic> Nics { get; init; } = ValueList<SimpleNic>.Empty;

    /// <summary>The name of the disk to boot from, or null for the firmware's default order.</summary>
    [Id(5)]
    public string? BootDisk { get; init; }

    /// <summary>Cloud-init data (base64), attached as a read-only blob disk at 0.24.0 when present.</summary>
    [Id(6)]
    public string? CloudInitBase64 { get; init; }
}
