using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A disk: one guest-visible device paired with exactly one storage backend (by construction).</summary>
public sealed record Disk
{
    internal Disk()
    {
    }

    public DiskDevice Device { get; internal init; } = null!;

    /// <summary>The key of the backend component on the wire (the device's <c>backend_id</c>).</summary>
    public SpecKey BackendKey { get; internal init; } = null!;

    public StorageBackend Backend { get; internal init; } = null!;
}
