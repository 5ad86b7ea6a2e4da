namespace ControlPlane.Grains.Abstractions.Specs.Simple;

/// <summary>
/// The simple create request (<c>POST /v1/instances</c> without a raw spec): what a user says about a
/// VM, from which the server builds the spec with Nexus' conventions (slot-to-PCI map, names, COM1-4, pvpanic).
/// </summary>
public sealed record SimpleInstanceRequest
{
    /// <summary>The instance's name (not part of the spec; kept for error messages and callers).</summary>
    public required string Name { get; init; }

    public required int Ncpus { get; init; }

    public required ulong MemoryMib { get; init; }

    public ValueList<SimpleDisk> Disks { get; init; } = ValueList<SimpleDisk>.Empty;

    public ValueList<SimpleNic> Nics { get; init; } = ValueList<SimpleNic>.Empty;

    /// <summary>The name of the disk to boot from, or null for the firmware's default order.</summary>
    public string? BootDisk { get; init; }

    /// <summary>Cloud-init data (base64), attached as a read-only blob disk at 0.24.0 when present.</summary>
    public string? CloudInitBase64 { get; init; }
}
