using System.Collections.Frozen;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>Facts about each <see cref="ComponentKind"/>: wire tag, role, optional family, first API version.</summary>
public static class ComponentKinds
{
    private static readonly string[] Tags =
    [
        "virtio_disk", "nvme_disk", "virtio_nic", "serial_port", "pci_pci_bridge", "qemu_pvpanic", "boot_settings",
        "virtio_socket", "soft_npu_pci_port", "soft_npu_port", "soft_npu_p9", "p9fs", "migration_failure_injector",
        "crucible_storage_backend", "file_storage_backend", "blob_storage_backend", "virtio_network_backend",
        "dlpi_network_backend",
    ];

    private static readonly FrozenDictionary<string, ComponentKind> ByTag =
        Enum.GetValues<ComponentKind>().ToFrozenDictionary(kind => Tags[(int)kind], StringComparer.Ordinal);

    /// <summary>The snake_case wire tag (<c>"virtio_disk"</c>).</summary>
    public static string WireTag(this ComponentKind kind) => Tags[(int)kind];

    /// <summary>Looks a wire tag up (exact, case-sensitive, as serde does).</summary>
    public static bool TryFromWireTag(string tag, out ComponentKind kind) => ByTag.TryGetValue(tag, out kind);

    /// <summary>Whether the kind is a backend (host resource) rather than a guest-visible device.</summary>
    public static bool IsBackend(this ComponentKind kind) => kind >= ComponentKind.CrucibleStorageBackend;

    /// <summary>Whether the kind is a storage backend (crucible, file, blob).</summary>
    public static bool IsStorageBackend(this ComponentKind kind) =>
        kind is ComponentKind.CrucibleStorageBackend or ComponentKind.FileStorageBackend or ComponentKind.BlobStorageBackend;

    /// <summary>The optional family a kind belongs to, or <see cref="ComponentFamilies.None"/>.</summary>
    public static ComponentFamilies Family(this ComponentKind kind) => kind switch
    {
        ComponentKind.SoftNpuPciPort or ComponentKind.SoftNpuPort or ComponentKind.SoftNpuP9 or ComponentKind.P9fs => ComponentFamilies.Falcon,
        ComponentKind.MigrationFailureInjector => ComponentFamilies.FailureInjection,
        _ => ComponentFamilies.None,
    };

    /// <summary>The first API version whose component enum has the kind.</summary>
    public static int IntroducedInApiVersion(this ComponentKind kind) => kind == ComponentKind.VirtioSocket ? 3 : 1;

    /// <summary>The configuration / error name of a family (<c>falcon</c>, <c>failure-injection</c>).</summary>
    public static string FamilyName(this ComponentFamilies family) => family switch
    {
        ComponentFamilies.Falcon => "falcon",
        ComponentFamilies.FailureInjection => "failure-injection",
        _ => family.ToString(),
    };
}
