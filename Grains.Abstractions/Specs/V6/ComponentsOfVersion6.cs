// Version 6 keeps every version 3 component except NvmeDisk, which it replaces (V6.NvmeDisk adds has_write_cache).
// As in ComponentsOfVersion3.cs, version 6 adds its union interface to the unchanged records: the partial
// declarations must sit in the records' own namespaces, so this file declares V1 and V3 while it belongs to V6.
namespace ControlPlane.Grains.Abstractions.Specs.V1
{
    public sealed partial record VirtioDisk : V6.IComponent;

    public sealed partial record VirtioNic : V6.IComponent;

    public sealed partial record SerialPort : V6.IComponent;

    public sealed partial record PciPciBridge : V6.IComponent;

    public sealed partial record QemuPvpanic : V6.IComponent;

    public sealed partial record BootSettings : V6.IComponent;

    public sealed partial record SoftNpuPciPort : V6.IComponent;

    public sealed partial record SoftNpuPort : V6.IComponent;

    public sealed partial record SoftNpuP9 : V6.IComponent;

    public sealed partial record P9fs : V6.IComponent;

    public sealed partial record MigrationFailureInjector : V6.IComponent;

    public sealed partial record CrucibleStorageBackend : V6.IComponent;

    public sealed partial record FileStorageBackend : V6.IComponent;

    public sealed partial record BlobStorageBackend : V6.IComponent;

    public sealed partial record VirtioNetworkBackend : V6.IComponent;

    public sealed partial record DlpiNetworkBackend : V6.IComponent;
}

namespace ControlPlane.Grains.Abstractions.Specs.V3
{
    public sealed partial record VirtioSocket : V6.IComponent;
}
