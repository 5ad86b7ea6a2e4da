// Version 3 extends version 1's component union with VirtioSocket. Rather than copying the
// version 1 records, this file adds the version 3 union interface to each of them: version 3 owns
// the relationship, version 1's shapes stay untouched. C# requires every part of a partial record to
// sit in the record's own namespace, so this V3 file declares V1's namespace, explicitly, as a block.
namespace ControlPlane.Grains.Abstractions.Specs.V1
{
    public sealed partial record VirtioDisk : V3.IComponent;

    public sealed partial record NvmeDisk : V3.IComponent;

    public sealed partial record VirtioNic : V3.IComponent;

    public sealed partial record SerialPort : V3.IComponent;

    public sealed partial record PciPciBridge : V3.IComponent;

    public sealed partial record QemuPvpanic : V3.IComponent;

    public sealed partial record BootSettings : V3.IComponent;

    public sealed partial record SoftNpuPciPort : V3.IComponent;

    public sealed partial record SoftNpuPort : V3.IComponent;

    public sealed partial record SoftNpuP9 : V3.IComponent;

    public sealed partial record P9fs : V3.IComponent;

    public sealed partial record MigrationFailureInjector : V3.IComponent;

    public sealed partial record CrucibleStorageBackend : V3.IComponent;

    public sealed partial record FileStorageBackend : V3.IComponent;

    public sealed partial record BlobStorageBackend : V3.IComponent;

    public sealed partial record VirtioNetworkBackend : V3.IComponent;

    public sealed partial record DlpiNetworkBackend : V3.IComponent;
}
