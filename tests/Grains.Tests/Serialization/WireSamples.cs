using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Abstractions.Vmms;
using Specs2 = ControlPlane.Grains.Abstractions.Specs.V2;
using Specs3 = ControlPlane.Grains.Abstractions.Specs.V3;
using Specs6 = ControlPlane.Grains.Abstractions.Specs.V6;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>
/// One representative, fully populated value of every type that crosses a grain call (and of every spec
/// component kind), by name. Values differ from defaults wherever they can, so a dropped field shows.
/// </summary>
internal static class WireSamples
{
    public static readonly Guid InstanceId = Guid.Parse("3b0f8c4e-6f59-4b6d-9d33-5a0b7c2d1e01");
    public static readonly Guid VmmId = Guid.Parse("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02");
    public static readonly Guid TargetVmmId = Guid.Parse("8d2e3f4a-5b6c-4d7e-9fa0-1b2c3d4e5f03");
    public static readonly Guid SledId = Guid.Parse("9e3f4a5b-6c7d-4e8f-a0b1-2c3d4e5f6a04");
    public static readonly Guid OtherSledId = Guid.Parse("af4a5b6c-7d8e-4f90-b1c2-3d4e5f6a7b05");
    public static readonly Guid MigrationId = Guid.Parse("b05b6c7d-8e9f-4a01-c2d3-4e5f6a7b8c06");
    public static readonly Guid DiskId = Guid.Parse("c16c7d8e-9fa0-4b12-d3e4-5f6a7b8c9d07");
    public static readonly Guid NicId = Guid.Parse("d27d8e9f-a0b1-4c23-e4f5-6a7b8c9d0e08");
    public static readonly DateTimeOffset Time = new(2026, 12, 1, 10, 30, 15, 123, TimeSpan.Zero);

    // Spec components: one of every kind.
    public static readonly VirtioDisk VirtioDisk = new() { BackendId = SpecKey.FromUuid(DiskId), PciPath = new PciPath(0, 16, 0) };
    public static readonly NvmeDisk NvmeDisk = new() { BackendId = "disk1-backend", PciPath = new PciPath(0, 17, 0), SerialNumber = NvmeSerialNumber.ZeroPaddedFrom("disk1") };
    public static readonly VirtioNic VirtioNic = new() { BackendId = SpecKey.FromUuid(NicId), InterfaceId = NicId, PciPath = new PciPath(0, 8, 0) };
    public static readonly SerialPort SerialPort = new() { Num = SerialPortNumber.Com3 };
    public static readonly PciPciBridge PciPciBridge = new() { DownstreamBus = 2, PciPath = new PciPath(0, 30, 1) };
    public static readonly QemuPvpanic QemuPvpanic = new() { EnableIsa = true };
    public static readonly BootSettings BootSettings = new() { Order = [new BootOrderEntry { Id = "disk1" }, new BootOrderEntry { Id = SpecKey.FromUuid(DiskId) }] };
    public static readonly Specs3.VirtioSocket VirtioSocket = new() { GuestCid = 0x1_0000_0003, PciPath = new PciPath(0, 9, 0) };
    public static readonly SoftNpuPciPort SoftNpuPciPort = new() { PciPath = new PciPath(0, 28, 0) };
    public static readonly SoftNpuPort SoftNpuPort = new() { LinkName = "sc0_1", BackendId = "dlpi0" };
    public static readonly SoftNpuP9 SoftNpuP9 = new() { PciPath = new PciPath(0, 29, 0) };
    public static readonly P9fs P9fs = new() { Source = "/opt/share", Target = "share", ChunkSize = 65536, PciPath = new PciPath(1, 5, 3) };
    public static readonly MigrationFailureInjector MigrationFailureInjector = new() { FailExports = 1, FailImports = 2 };
    public static readonly CrucibleStorageBackend CrucibleStorageBackend = new() { RequestJson = """{"type":"volume","id":"x"}""", Readonly = true };
    public static readonly FileStorageBackend FileStorageBackend = new() { Path = "/var/disk1.img", Readonly = false, BlockSize = 4096, Workers = new FileBackendWorkers(4) };
    public static readonly BlobStorageBackend BlobStorageBackend = new() { Base64 = "aGVsbG8=", Readonly = true };
    public static readonly VirtioNetworkBackend VirtioNetworkBackend = new() { VnicName = "vnic0" };
    public static readonly DlpiNetworkBackend DlpiNetworkBackend = new() { VnicName = "dlpi0" };

    /// <summary>Every component kind, under UUID and name keys.</summary>
    public static readonly ComponentMap<Specs3.IComponent> AllComponents = ComponentMap<Specs3.IComponent>.Create(
        ("vdisk0", VirtioDisk),
        ("disk1", NvmeDisk),
        (SpecKey.FromUuid(Guid.Parse("e38e9fa0-b1c2-4d34-f506-7b8c9d0e1f09")), VirtioNic),
        ("com3", SerialPort),
        ("bridge", PciPciBridge),
        ("pvpanic", QemuPvpanic),
        ("boot", BootSettings),
        ("vsock", VirtioSocket),
        ("npu-pci", SoftNpuPciPort),
        ("npu-port", SoftNpuPort),
        ("npu-p9", SoftNpuP9),
        ("share", P9fs),
        ("injector", MigrationFailureInjector),
        (SpecKey.FromUuid(DiskId), CrucibleStorageBackend),
        ("disk1-backend", FileStorageBackend),
        ("cloud-init", BlobStorageBackend),
        (SpecKey.FromUuid(NicId), VirtioNetworkBackend),
        ("dlpi0", DlpiNetworkBackend));

    public static readonly Board Board = new()
    {
        Cpus = 4,
        MemoryMb = 8192,
        Chipset = new I440Fx { EnablePcie = true },
        GuestHvInterface = new GuestHypervisorInterface.HyperV { Features = [HyperVFeatureFlag.ReferenceTsc] },
        Cpuid = new Cpuid
        {
            Vendor = CpuidVendor.Intel,
            Entries = [new CpuidEntry { Leaf = 0, Eax = 0xd, Ebx = 0x756e6547, Ecx = 0x6c65746e, Edx = 0x49656e69 }, new CpuidEntry { Leaf = 7, Subleaf = 0, Eax = 1, Ebx = 2, Ecx = 3, Edx = 4 }],
        },
    };

    public static readonly Specs2.SmbiosType1Input Smbios = new() { Manufacturer = "Oxide", ProductName = "OxVM", SerialNumber = "0001", Version = 3 };

    public static readonly Specs3.InstanceSpec SpecV3 = new() { Board = Board, Components = AllComponents, Smbios = Smbios };

    public static readonly Specs2.InstanceSpec SpecV2 = SpecV3.ToV2();

    public static readonly Specs6.NvmeDisk NvmeDiskV6 = Specs6.NvmeDisk.FromV1(NvmeDisk) with { HasWriteCache = false };

    public static readonly Specs6.InstanceSpec SpecV6 = Specs6.InstanceSpec.FromV5(SpecV3) with
    {
        Components = Specs6.InstanceSpec.FromV5(SpecV3).Components.Select(c => c is Specs6.NvmeDisk ? NvmeDiskV6 : c),
    };

    public static readonly InstanceSpecV0 SpecV0 = SpecV2.ToV1();

    public static readonly SimpleInstanceRequest SimpleRequest = new()
    {
        Name = "web",
        Ncpus = 2,
        MemoryMib = 2048,
        Disks =
        [
            new SimpleDisk { Id = DiskId, Name = "root", Slot = 0, ReadOnly = true, Backing = new SimpleDiskBacking.Crucible("""{"type":"volume"}""") },
            new SimpleDisk { Id = Guid.NewGuid(), Name = "data", Slot = 3, Backing = new SimpleDiskBacking.File("/var/data.img", 512) },
        ],
        Nics = [new SimpleNic { Id = NicId, Slot = 1, VnicName = "vnic7" }],
        BootDisk = "root",
        CloudInitBase64 = "I2Nsb3VkLWNvbmZpZw==",
    };

    public static readonly V1.MigrationRuntimeState MigrationIn = new() { MigrationId = MigrationId, State = V1.MigrationState.InProgress, Gen = new Generation(3), TimeUpdated = Time };

    public static readonly V1.MigrationRuntimeState MigrationOut = new() { MigrationId = MigrationId, State = V1.MigrationState.Completed, Gen = new Generation(5), TimeUpdated = Time.AddSeconds(1) };

    public static readonly V2.SledVmmState SledStateV2 = new()
    {
        VmmState = new V2.VmmRuntimeState { State = V1.VmmState.Failed, Gen = new Generation(42), TimeUpdated = Time, FailureReason = "propolis process exited" },
        MigrationIn = MigrationIn,
        MigrationOut = MigrationOut,
    };

    public static readonly V1.SledVmmState SledStateV1 = SledStateV2.ToV1();

    public static readonly VmmView VmmView = new()
    {
        VmmId = VmmId,
        InstanceId = InstanceId,
        SledId = SledId,
        State = NexusVmmState.Failed,
        Generation = new Generation(7),
        TimeUpdated = Time,
        FailureReason = VmmFailureReason.FromSledAgent,
        FailureMessage = "propolis process exited",
        MigrationIn = MigrationIn,
        MigrationOut = MigrationOut,
        Deleted = true,
    };

    public static readonly ValueList<SpecValidationError> Errors =
    [
        new SpecValidationError { Code = "storage_backend_not_found", Message = "no backend 'b0'", Component = "disk0", Path = "$.components['disk0']" },
        new SpecValidationError { Code = "unknown_field", Message = "unknown field 'x'" },
    ];

    /// <summary>The samples, by name (the name is the theory's case name).</summary>
    public static readonly IReadOnlyDictionary<string, object> All = new Dictionary<string, object>
    {
        // Instances
        ["InstanceCreateRequest.simple"] = new InstanceCreateRequest { Name = "web", Spec = new InstanceSpecSource.Simple(SimpleRequest), Start = false, AutoRestartPolicy = AutoRestartPolicy.Never, AutoRestartCooldown = TimeSpan.FromSeconds(90) },
        ["InstanceCreateRequest.wire"] = new InstanceCreateRequest { Name = "db", Spec = new InstanceSpecSource.Wire("""{"board":{}}""", 2) },
        ["InstanceSpecSource.Simple"] = new InstanceSpecSource.Simple(SimpleRequest),
        ["InstanceSpecSource.Wire"] = new InstanceSpecSource.Wire("""{"board":{}}""", 1),
        ["InstanceMigrateRequest"] = new InstanceMigrateRequest { DstSledId = OtherSledId },
        ["IdempotencyClaim"] = new IdempotencyClaim { InstanceId = InstanceId, SameRequest = false, Completed = true },
        ["InstanceView"] = new InstanceView
        {
            Id = InstanceId,
            Name = "web",
            RunState = InstanceRunState.Migrating,
            Intent = InstanceIntent.GuestShutdown,
            Ncpus = 2,
            MemoryMib = 2048,
            ActiveVmmId = VmmId,
            SledId = SledId,
            TargetVmmId = TargetVmmId,
            TargetSledId = OtherSledId,
            MigrationId = MigrationId,
            Generation = new Generation(12),
            AutoRestartPolicy = AutoRestartPolicy.Never,
            TimeLastAutoRestarted = Time.AddMinutes(-5),
            TimeRunStateUpdated = Time,
        },
        ["MigrationView"] = new MigrationView { MigrationId = MigrationId, SourceVmmId = VmmId, TargetVmmId = TargetVmmId, SourceState = V1.MigrationState.Failed, SourceGen = new Generation(2), TargetState = V1.MigrationState.Completed, TargetGen = new Generation(4) },
        ["AutoRestartPolicy"] = AutoRestartPolicy.Never,
        ["InstanceIntent"] = InstanceIntent.Destroyed,
        ["InstanceOperation"] = InstanceOperation.Delete,
        ["InstanceRunState"] = InstanceRunState.Rebooting,

        // Sleds
        ["SledAnnouncement"] = new SledAnnouncement { SiloName = "silo-1", Sleds = [new SledDescription { Id = SledId, Cpus = 64, MemoryMib = 1 << 20 }, new SledDescription { Id = OtherSledId, Cpus = 32, MemoryMib = 1 << 19 }] },
        ["SledDescription"] = new SledDescription { Id = SledId, Cpus = 64, MemoryMib = 1 << 20 },
        ["SledReservationRequest"] = new SledReservationRequest { VmmId = VmmId, Cpus = 2, MemoryMib = 2048, SledId = SledId, ExcludedSledIds = [OtherSledId] },
        ["SledCapacityClaim"] = new SledCapacityClaim { VmmId = VmmId, Cpus = 2, MemoryMib = 2048, SledCpus = 64, SledMemoryMib = 1 << 20 },
        ["SledUsage"] = new SledUsage(6, 6144),
        ["InstanceIdPage"] = new Abstractions.Instances.Registry.InstanceIdPage { Ids = [InstanceId, VmmId], More = true },
        ["IdRange"] = new Abstractions.Instances.Registry.IdRange(InstanceId, VmmId),
        ["IdRange.All"] = Abstractions.Instances.Registry.IdRange.All,
        ["SledView"] = new SledView { Id = SledId, Cpus = 64, MemoryMib = 1 << 20, UsedCpus = 6, UsedMemoryMib = 6144, HostingSilo = "silo-1", Reachable = true },

        // Spec building blocks
        ["ValueList<Guid>"] = (ValueList<Guid>)[SledId, OtherSledId],
        ["ValueList<SledView>"] = (ValueList<SledView>)[new SledView { Id = SledId, Cpus = 1, MemoryMib = 2, UsedCpus = 0, UsedMemoryMib = 0, Reachable = false }],
        ["ValueList.Empty"] = ValueList<Guid>.Empty,
        ["ComponentMap<V3.IComponent>"] = AllComponents,
        ["ComponentMap<V1.IComponent>"] = SpecV2.Components,
        ["ComponentMap.Empty"] = ComponentMap<Specs3.IComponent>.Empty,
        ["SpecKey.uuid"] = SpecKey.FromUuid(DiskId),
        ["SpecKey.name"] = SpecKey.Parse("disk0"),
        ["PciPath"] = new PciPath(255, 31, 7),
        ["ComponentKind"] = ComponentKind.DlpiNetworkBackend,

        // Simple request
        ["SimpleInstanceRequest"] = SimpleRequest,
        ["SimpleDisk"] = SimpleRequest.Disks[0],
        ["SimpleDiskBacking.Crucible"] = new SimpleDiskBacking.Crucible("""{"type":"volume"}"""),
        ["SimpleDiskBacking.File"] = new SimpleDiskBacking.File("/var/data.img", 512),
        ["SimpleNic"] = SimpleRequest.Nics[0],

        // Validation
        ["SpecValidationResult.valid"] = new SpecValidationResult { NormalizedSpec = SpecV6 },
        ["SpecValidationResult.invalid"] = new SpecValidationResult { Errors = Errors },
        ["SpecValidationError"] = Errors[0],
        ["MigrationCompatibilityResult"] = new MigrationCompatibilityResult
        {
            Mismatches = [new SpecMismatch { Kind = "board_cpu_count", Path = "board.cpus", Source = "2", Target = "4" }],
            SourceErrors = Errors,
            TargetErrors = [Errors[1]],
        },
        ["SpecMismatch"] = new SpecMismatch { Kind = "pci_path", Path = "nics['nic0'].pci_path" },

        // Wire specs: board
        ["Board"] = Board,
        ["Board.bhyve"] = Board with { GuestHvInterface = GuestHypervisorInterface.Bhyve.Instance, Cpuid = null },
        ["Cpuid"] = Board.Cpuid!,
        ["CpuidEntry"] = Board.Cpuid!.Entries[1],
        ["CpuidVendor"] = CpuidVendor.Intel,
        ["GuestHypervisorInterface.Bhyve"] = GuestHypervisorInterface.Bhyve.Instance,
        ["GuestHypervisorInterface.HyperV"] = Board.GuestHvInterface,
        ["HyperVFeatureFlag"] = HyperVFeatureFlag.ReferenceTsc,
        ["I440Fx"] = Board.Chipset,

        // Wire specs: every component kind
        ["VirtioDisk"] = VirtioDisk,
        ["NvmeDisk"] = NvmeDisk,
        ["VirtioNic"] = VirtioNic,
        ["SerialPort"] = SerialPort,
        ["PciPciBridge"] = PciPciBridge,
        ["QemuPvpanic"] = QemuPvpanic,
        ["BootSettings"] = BootSettings,
        ["VirtioSocket"] = VirtioSocket,
        ["SoftNpuPciPort"] = SoftNpuPciPort,
        ["SoftNpuPort"] = SoftNpuPort,
        ["SoftNpuP9"] = SoftNpuP9,
        ["P9fs"] = P9fs,
        ["MigrationFailureInjector"] = MigrationFailureInjector,
        ["CrucibleStorageBackend"] = CrucibleStorageBackend,
        ["FileStorageBackend"] = FileStorageBackend,
        ["FileStorageBackend.default-workers"] = FileStorageBackend with { Workers = null },
        ["BlobStorageBackend"] = BlobStorageBackend,
        ["VirtioNetworkBackend"] = VirtioNetworkBackend,
        ["DlpiNetworkBackend"] = DlpiNetworkBackend,
        ["BootOrderEntry"] = BootSettings.Order[0],
        ["FileBackendWorkers"] = new FileBackendWorkers(8),
        ["NvmeSerialNumber"] = NvmeDisk.SerialNumber,
        ["SerialPortNumber"] = SerialPortNumber.Com4,

        // Wire specs: whole specs of every version
        ["V6.InstanceSpec"] = SpecV6,
        ["V6.NvmeDisk"] = NvmeDiskV6,
        ["V3.InstanceSpec"] = SpecV3,
        ["V3.InstanceSpec.minimal"] = new Specs3.InstanceSpec { Board = Board with { Cpuid = null }, Components = ComponentMap<Specs3.IComponent>.Empty },
        ["V2.InstanceSpec"] = SpecV2,
        ["V2.SmbiosType1Input"] = Smbios,
        ["V1.InstanceSpecV0"] = SpecV0,
        ["V1.VersionedInstanceSpec"] = new VersionedInstanceSpec { Spec = SpecV0 },
        ["ReplacementComponent.CrucibleBackend"] = new ReplacementComponent.CrucibleBackend(CrucibleStorageBackend),
        ["ReplacementComponent.VirtioNetworkBackendReplacement"] = new ReplacementComponent.VirtioNetworkBackendReplacement(VirtioNetworkBackend),
        ["ReplacementComponent.FailureInjector"] = new ReplacementComponent.FailureInjector(MigrationFailureInjector),

        // VMMs
        ["Generation"] = new Generation(long.MaxValue),
        ["Generation.Initial"] = Generation.Initial,
        ["DoorbellStats"] = new DoorbellStats { Doorbells = 100, Pulls = 7, Applied = 5, MaxPendingFollowUps = 1, Busy = true },
        ["NexusVmmState"] = NexusVmmState.SagaUnwound,
        ["VmmApplyResult"] = new VmmApplyResult { VmmUpdated = true, MigrationInUpdated = false, MigrationOutUpdated = true, InstanceUpdateNeeded = true, Vmm = VmmView },
        ["VmmCheckOutcome"] = VmmCheckOutcome.FailedSledOff,
        ["VmmFailureReason"] = VmmFailureReason.SledOff,
        ["VmmFault"] = VmmFault.DropDoorbells,
        ["VmmInitialization"] = new VmmInitialization { InstanceId = InstanceId, SledId = SledId, MigrationInId = MigrationId },
        ["VmmPutStateResponse"] = new VmmPutStateResponse { UpdatedRuntime = SledStateV2 },
        ["VmmPutStateResponse.empty"] = new VmmPutStateResponse(),
        ["VmmRegistration"] = new VmmRegistration { InstanceId = InstanceId, Spec = SpecV6, VmmRuntime = SledStateV2.VmmState with { State = V1.VmmState.Migrating, FailureReason = null }, MigrationId = MigrationId },
        ["VmmStateRequested.Running"] = new VmmStateRequested.Running(),
        ["VmmStateRequested.Stopped"] = new VmmStateRequested.Stopped(),
        ["VmmStateRequested.Reboot"] = new VmmStateRequested.Reboot(),
        ["VmmStateRequested.MigrationTarget"] = new VmmStateRequested.MigrationTarget(VmmId, OtherSledId),
        ["VmmUnregisterResponse"] = new VmmUnregisterResponse { UpdatedRuntime = SledStateV2 },
        ["VmmView"] = VmmView,
        ["VmmView.minimal"] = new VmmView { VmmId = VmmId, InstanceId = InstanceId, SledId = SledId, State = NexusVmmState.Creating, Generation = Generation.Initial, TimeUpdated = Time },
        ["WatcherPassReport"] = new WatcherPassReport { Checked = 10, Applied = 3, Unchanged = 5, MarkedFailed = 1, Inconclusive = 1 },
        ["V1.MigrationRuntimeState"] = MigrationIn,
        ["V1.MigrationState"] = V1.MigrationState.InProgress,
        ["V1.SledVmmState"] = SledStateV1,
        ["V1.VmmRuntimeState"] = SledStateV1.VmmState,
        ["V1.VmmState"] = V1.VmmState.Destroyed,
        ["V2.SledVmmState"] = SledStateV2,
        ["V2.SledVmmState.no-migrations"] = SledStateV2 with { MigrationIn = null, MigrationOut = null },
        ["V2.VmmRuntimeState"] = SledStateV2.VmmState,
    };
}
