using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// Every component variant of every API version, named after its wire tag. Lets code that handles
/// components of any version (JSON, errors, the parser) talk about a kind without its CLR type.
/// </summary>
[GenerateSerializer, Alias("controlplane.specs.ComponentKind")]
public enum ComponentKind
{
    VirtioDisk,
    NvmeDisk,
    VirtioNic,
    SerialPort,
    PciPciBridge,
    QemuPvpanic,
    BootSettings,
    VirtioSocket,
    SoftNpuPciPort,
    SoftNpuPort,
    SoftNpuP9,
    P9fs,
    MigrationFailureInjector,
    CrucibleStorageBackend,
    FileStorageBackend,
    BlobStorageBackend,
    VirtioNetworkBackend,
    DlpiNetworkBackend,
}
