using System.Text.Json.Nodes;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Specs;
using static ControlPlane.Grains.Tests.Specs.SpecJson;
using Xunit;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Brief §9, bad inputs 1-37 and the init-time list: each asserts the error type and the component it names.</summary>
public sealed class BriefBadInputTests
{
    private static readonly SpecValidationOptions Falcon = new() { EnabledFamilies = ComponentFamilies.Falcon };
    private static readonly SpecValidationOptions FailureInjection = new() { EnabledFamilies = ComponentFamilies.FailureInjection };

    [Fact]
    public void Bad01_pci_device_32_is_out_of_range()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["pci_path"]!["device"] = 32;
        var error = Parse(spec).SingleError<NumberOutOfRange>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal("$.components['disk0'].component.pci_path.device", error.Path);
    }

    [Fact]
    public void Bad02_pci_function_8_is_out_of_range()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["pci_path"]!["function"] = 8;
        var error = Parse(spec).SingleError<NumberOutOfRange>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal("$.components['disk0'].component.pci_path.function", error.Path);
    }

    [Fact]
    public void Bad03_cpus_256_does_not_fit_u8()
    {
        var spec = ExampleSpec();
        spec.Board()["cpus"] = 256;
        var error = Parse(spec).SingleError<NumberOutOfRange>();
        Assert.Null(error.Component);
        Assert.Equal("$.board.cpus", error.Path);
    }

    [Fact]
    public void Bad04_unknown_component_type()
    {
        var spec = ExampleSpec();
        spec.Components()["disk0"]!["type"] = "virtio_scsi";
        var error = Parse(spec).SingleError<UnknownVariant>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal("$.components['disk0'].type", error.Path);
    }

    [Fact]
    public void Bad05_unknown_field_in_virtio_disk()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["foo"] = 1;
        var error = Parse(spec).SingleError<UnknownField>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal("$.components['disk0'].component.foo", error.Path);
    }

    [Fact]
    public void Bad06_unknown_field_in_board()
    {
        var spec = ExampleSpec();
        spec.Board()["turbo"] = true;
        var error = Parse(spec).SingleError<UnknownField>();
        Assert.Null(error.Component);
        Assert.Equal("$.board.turbo", error.Path);
    }

    [Fact]
    public void Bad07_nvme_serial_number_of_19_bytes()
    {
        var spec = ExampleSpec().With("disk0", NvmeDisk("disk0-be", 16, serialLength: 19));
        var error = Parse(spec).SingleError<InvalidValue>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal("$.components['disk0'].component.serial_number", error.Path);
    }

    [Fact]
    public void Bad08_file_backend_with_zero_workers()
    {
        var spec = ExampleSpec();
        spec.Body("disk0-be")["workers"] = 0;
        var error = Parse(spec).SingleError<InvalidValue>();
        Assert.Equal("disk0-be", error.Component?.ToString());
        Assert.Equal("$.components['disk0-be'].component.workers", error.Path);
    }

    [Fact]
    public void Bad09_file_backend_without_block_size()
    {
        var spec = ExampleSpec();
        spec.Body("disk0-be").Remove("block_size");
        var error = Parse(spec).SingleError<MissingField>();
        Assert.Equal("disk0-be", error.Component?.ToString());
        Assert.Contains("block_size", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad10_serial_port_com5()
    {
        var spec = ExampleSpec();
        spec.Body("com1")["num"] = "com5";
        var error = Parse(spec).SingleError<UnknownVariant>();
        Assert.Equal("com1", error.Component?.ToString());
        Assert.Equal("$.components['com1'].component.num", error.Path);
    }

    [Fact]
    public void Bad11_chipset_q35()
    {
        var spec = ExampleSpec();
        spec.Board()["chipset"]!["type"] = "q35";
        var error = Parse(spec).SingleError<UnknownVariant>();
        Assert.Null(error.Component);
        Assert.Equal("$.board.chipset.type", error.Path);
    }

    [Fact]
    public void Bad12_hyper_v_feature_stimer()
    {
        var spec = ExampleSpec();
        spec.Board()["guest_hv_interface"] = new JsonObject { ["type"] = "hyper_v", ["value"] = new JsonObject { ["features"] = new JsonArray("stimer") } };
        var error = Parse(spec).SingleError<UnknownVariant>();
        Assert.Null(error.Component);
        Assert.Equal("$.board.guest_hv_interface.value.features[0]", error.Path);
    }

    [Fact]
    public void Bad13_cpuid_vendor_via()
    {
        var spec = ExampleSpec();
        spec.Board()["cpuid"] = Cpuid("via", (0, null));
        var error = Parse(spec).SingleError<UnknownVariant>();
        Assert.Null(error.Component);
        Assert.Equal("$.board.cpuid.vendor", error.Path);
    }

    [Fact]
    public void Bad14_api_v1_spec_with_smbios_is_an_unknown_field()
    {
        var spec = ExampleSpec();
        var error = Parse(spec, apiVersion: 1).SingleError<UnknownField>();
        Assert.Null(error.Component);
        Assert.Equal("$.smbios", error.Path);

        // The same document is fine in API version 2, and without smbios in version 1.
        Parse(spec, apiVersion: 2).Accepted();
        spec.Remove("smbios");
        Parse(spec, apiVersion: 1).Accepted();
    }

    [Fact]
    public void Bad15_disk_backend_absent()
    {
        var spec = ExampleSpec().Without("disk0-be");
        spec.Body("disk0")["backend_id"] = "nope";
        var error = Parse(spec).SingleError<StorageBackendNotFound>();
        Assert.Equal(("nope", "disk0"), (error.Backend.ToString(), error.Device.ToString()));
        Assert.Equal("disk0", error.Component?.ToString());
    }

    [Fact]
    public void Bad16_disk_backend_is_a_network_backend_precise_kind_mismatch()
    {
        var spec = ExampleSpec().Without("disk0-be").With("net-be", Viona());
        spec.Body("disk0")["backend_id"] = "net-be";
        var error = Parse(spec).SingleError<BackendKindMismatch>();
        Assert.Equal("disk0", error.Component?.ToString());
        Assert.Equal(ComponentKind.VirtioNetworkBackend, error.Actual);
    }

    [Fact]
    public void Bad17_nic_backend_is_a_file_backend_precise_kind_mismatch()
    {
        var spec = ExampleSpec().With("nic0", VirtioNic("disk0-be", 8)).With("disk1", VirtioDisk("disk1-be", 17)).With("disk1-be", FileBackend());
        spec.Body("disk0")["backend_id"] = "disk1-be";
        spec.Body("disk1")["backend_id"] = "disk0-be";
        var error = Parse(spec).SingleError<BackendKindMismatch>();
        Assert.Equal("nic0", error.Component?.ToString());
        Assert.Equal(ComponentKind.FileStorageBackend, error.Actual);
    }

    [Fact]
    public void Bad18_nic_backend_is_a_dlpi_backend_precise_kind_mismatch()
    {
        var spec = ExampleSpec().With("nic0", VirtioNic("dlpi-be", 8)).With("dlpi-be", Dlpi());
        var error = Parse(spec).SingleError<BackendKindMismatch>();
        Assert.Equal("nic0", error.Component?.ToString());
        Assert.Equal(ComponentKind.DlpiNetworkBackend, error.Actual);
    }

    [Fact]
    public void Bad19_two_disks_sharing_a_backend_blames_the_later_disk()
    {
        var spec = ExampleSpec().With("disk1", VirtioDisk("disk0-be", 17));
        var error = Parse(spec).SingleError<BackendAlreadyClaimed>();
        Assert.Equal("disk1", error.Component?.ToString());
        Assert.Equal("disk0", error.ClaimedBy.ToString());
    }

    [Fact]
    public void Bad20_disk_naming_itself_as_backend()
    {
        var spec = ExampleSpec().Without("disk0-be");
        spec.Body("disk0")["backend_id"] = "disk0";
        var error = Parse(spec).SingleError<DeviceAndBackendNamesIdentical>();
        Assert.Equal("disk0", error.Component?.ToString());
    }

    [Fact]
    public void Bad21_orphan_blob_backend()
    {
        var error = Parse(ExampleSpec().With("orphan", BlobBackend())).SingleError<BackendNotUsed>();
        Assert.Equal("orphan", error.Component?.ToString());
    }

    [Fact]
    public void Bad22_orphan_viona_backend()
    {
        var error = Parse(ExampleSpec().With("orphan", Viona())).SingleError<BackendNotUsed>();
        Assert.Equal("orphan", error.Component?.ToString());
    }

    [Fact]
    public void Bad23_disk_and_nic_at_one_pci_path_blames_the_later_key()
    {
        var spec = ExampleSpec().With("nic0", VirtioNic("nic0-be", 16)).With("nic0-be", Viona());
        var error = Parse(spec).SingleError<PciPathInUse>();
        Assert.Equal(new PciPath(0, 16, 0), error.Path);
        Assert.Equal("nic0", error.Component?.ToString());
        Assert.Equal("disk0", error.ExistingComponent.ToString());
    }

    [Fact]
    public void Bad24_bridge_at_a_disks_pci_path()
    {
        var spec = ExampleSpec().With("pci-bridge", Bridge(1, 0, 16));
        var error = Parse(spec).SingleError<PciPathInUse>();
        Assert.Equal("pci-bridge", error.Component?.ToString());
    }

    [Fact]
    public void Bad25_vsock_at_a_nics_pci_path_is_reported_after_backend_checks()
    {
        var spec = ExampleSpec().With("a-vsock", Vsock(3, 9)).With("nic0", VirtioNic("nic0-be", 9)).With("nic0-be", Viona()).With("orphan", BlobBackend());
        var errors = Parse(spec).Errors();
        Assert.Collection(
            errors,
            e => Assert.Equal("orphan", Assert.IsType<BackendNotUsed>(e).Component?.ToString()),
            e => Assert.Equal("a-vsock", Assert.IsType<PciPathInUse>(e).Component?.ToString()));
    }

    [Fact]
    public void Bad26_two_serial_ports_on_com1()
    {
        var spec = ExampleSpec().Without("com1").With("a", Serial("com1")).With("b", Serial("com1"));
        var error = Parse(spec).SingleError<SerialPortInUse>();
        Assert.Equal(SerialPortNumber.Com1, error.Num);
        Assert.Equal("b", error.Component?.ToString());
    }

    [Fact]
    public void Bad27_two_pvpanic_devices()
    {
        var error = Parse(ExampleSpec().With("pvpanic", Pvpanic()).With("pvpanic2", Pvpanic())).SingleError<PvpanicInUse>();
        Assert.Equal("pvpanic2", error.Component?.ToString());
    }

    [Fact]
    public void Bad28_boot_order_names_a_nic()
    {
        var spec = ExampleSpec().With("nic0", VirtioNic("nic0-be", 8)).With("nic0-be", Viona()).With("boot", Boot("nic0"));
        var error = Parse(spec).SingleError<BootOptionMissing>();
        Assert.Equal("boot", error.Component?.ToString());
        Assert.Equal("nic0", error.Entry.ToString());
    }

    [Fact]
    public void Bad29_boot_order_names_a_disk_backend()
    {
        var error = Parse(ExampleSpec().With("boot", Boot("disk0-be"))).SingleError<BootOptionMissing>();
        Assert.Equal("boot", error.Component?.ToString());
        Assert.Equal("disk0-be", error.Entry.ToString());
    }

    [Fact]
    public void Bad30_boot_order_names_a_ghost()
    {
        var error = Parse(ExampleSpec().With("boot", Boot("ghost"))).SingleError<BootOptionMissing>();
        Assert.Equal("ghost", error.Entry.ToString());
    }

    [Fact]
    public void Bad31_cpuid_leaf_in_the_hypervisor_range()
    {
        var spec = ExampleSpec();
        spec.Board()["cpuid"] = Cpuid("amd", (0, null), (0x4000_0000, null));
        var error = Parse(spec).SingleError<CpuidEntriesInvalid>();
        Assert.Equal(CpuidConflict.LeafOutOfRange, error.Conflict);
        Assert.Null(error.Component);
    }

    [Fact]
    public void Bad32_cpuid_duplicate_leaf()
    {
        var spec = ExampleSpec();
        spec.Board()["cpuid"] = Cpuid("amd", (1, null), (1, null));
        Assert.Equal(CpuidConflict.DuplicateLeaf, Parse(spec).SingleError<CpuidEntriesInvalid>().Conflict);
    }

    [Fact]
    public void Bad33_cpuid_leaf_with_and_without_subleaves()
    {
        var spec = ExampleSpec();
        spec.Board()["cpuid"] = Cpuid("amd", (7, null), (7, 0));
        Assert.Equal(CpuidConflict.SubleavesAlreadyAbsent, Parse(spec).SingleError<CpuidEntriesInvalid>().Conflict);

        spec.Board()["cpuid"] = Cpuid("amd", (7, 0), (7, null));
        Assert.Equal(CpuidConflict.SubleavesAlreadyPresent, Parse(spec).SingleError<CpuidEntriesInvalid>().Conflict);
    }

    [Fact]
    public void Bad34_softnpu_without_falcon()
    {
        var error = Parse(ExampleSpec().With("npu", SoftNpuPciPort(5))).SingleError<FeatureDisabled>();
        Assert.Equal("npu", error.Component?.ToString());
        Assert.Equal("falcon", error.FamilyName);
    }

    [Fact]
    public void Bad34b_softnpu_port_without_falcon_does_not_also_report_its_backend_unused()
    {
        var error = Parse(ExampleSpec().With("port0", SoftNpuPort("port0-be")).With("port0-be", Dlpi())).SingleError<FeatureDisabled>();
        Assert.Equal("port0", error.Component?.ToString());
        Assert.Equal(ComponentFamilies.Falcon, error.Family);
    }

    [Fact]
    public void Bad35_failure_injector_without_failure_injection()
    {
        var error = Parse(ExampleSpec().With("inject", Injector())).SingleError<FeatureDisabled>();
        Assert.Equal("inject", error.Component?.ToString());
        Assert.Equal("failure-injection", error.FamilyName);
    }

    [Fact]
    public void Bad36_two_failure_injectors()
    {
        var error = Parse(ExampleSpec().With("inject-a", Injector()).With("inject-b", Injector()), FailureInjection).SingleError<MigrationFailureInjectionInUse>();
        Assert.Equal("inject-b", error.Component?.ToString());
    }

    [Fact]
    public void Bad37_uart_com4_then_softnpu_port_conflict()
    {
        var spec = ExampleSpec().With("a-com4", Serial("com4")).With("z", SoftNpuPciPort(5)).With("z-p9", SoftNpuP9(6));
        var error = Parse(spec, Falcon).SingleError<SerialPortInUse>();
        Assert.Equal(SerialPortNumber.Com4, error.Num);
        Assert.Equal("z", error.Component?.ToString());
    }

    [Fact]
    public void Bad37b_softnpu_port_then_uart_com4_conflicts_too_unlike_propolis()
    {
        var spec = ExampleSpec().With("a-npu", SoftNpuPciPort(5)).With("a-p9", SoftNpuP9(6)).With("z-com4", Serial("com4"));
        var error = Parse(spec, Falcon).SingleError<SerialPortInUse>();
        Assert.Equal("z-com4", error.Component?.ToString());
        Assert.Equal("a-npu", error.ExistingComponent.ToString());
    }

    [Fact]
    public void Init_cpus_0()
    {
        var spec = ExampleSpec();
        spec.Board()["cpus"] = 0;
        var error = Parse(spec).SingleError<CpuCountOutOfRange>();
        Assert.Null(error.Component);
    }

    [Fact]
    public void Init_device_at_chipset_address()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["pci_path"] = Pci(0, 1, 0);
        Assert.Equal("disk0", Parse(spec).SingleError<PciPathReserved>().Component?.ToString());
    }

    [Fact]
    public void Init_disk_on_bus_without_bridge()
    {
        var spec = ExampleSpec().With("boot", Boot()).With("disk1", VirtioDisk("disk1-be", 0, bus: 5)).With("disk1-be", FileBackend());
        var error = Parse(spec).SingleError<PciBusNotFound>();
        Assert.Equal("disk1", error.Component?.ToString());
    }

    [Fact]
    public void Init_boot_disk_behind_bridge()
    {
        var spec = ExampleSpec().With("bridge", Bridge(1, 0, 30));
        spec.Body("disk0")["pci_path"] = Pci(1, 0, 0);
        var error = Parse(spec).SingleError<BootDeviceOnDownstreamBus>();
        Assert.Equal("boot", error.Component?.ToString());
        Assert.Equal("disk0", error.Disk.ToString());
    }

    [Fact]
    public void Init_vsock_cid_2()
    {
        var error = Parse(ExampleSpec().With("vsock", Vsock(2, 9))).SingleError<VsockGuestCidInvalid>();
        Assert.Equal("vsock", error.Component?.ToString());
    }

    [Fact]
    public void Init_crucible_request_json_that_is_not_json()
    {
        var error = Parse(ExampleSpec().With("disk0-be", CrucibleBackend("{"))).SingleError<CrucibleRequestInvalid>();
        Assert.Equal("disk0-be", error.Component?.ToString());
    }

    [Fact]
    public void Init_blob_that_is_not_base64()
    {
        var error = Parse(ExampleSpec().With("disk0-be", BlobBackend("not base64!"))).SingleError<BlobBase64Invalid>();
        Assert.Equal("disk0-be", error.Component?.ToString());
    }

    [Fact]
    public void Init_softnpu_with_ports_but_without_p9()
    {
        var spec = ExampleSpec().With("npu", SoftNpuPciPort(5)).With("port0", SoftNpuPort("port0-be")).With("port0-be", Dlpi());
        var error = Parse(spec, Falcon).SingleError<SoftNpuP9Missing>();
        Assert.Equal("npu", error.Component?.ToString());
    }

    [Fact]
    public void Duplicate_json_key_is_rejected_not_last_wins()
    {
        var json = SpecJson.Example.Replace("\"cpus\":2,", "\"cpus\":2,\"cpus\":4,", StringComparison.Ordinal);
        var error = Parse(json).SingleError<DuplicateKey>();
        Assert.Equal("$.board.cpus", error.Path);
    }

    [Fact]
    public void Two_spellings_of_one_uuid_key_are_a_duplicate_key()
    {
        const string lower = "0c2bd0a4-9b51-4f24-a1b9-0e62c8f4b6a1";
        var spec = ExampleSpec().With(lower, BlobBackend()).With(lower.ToUpperInvariant(), BlobBackend());
        var error = Parse(spec).SingleError<DuplicateKey>();
        Assert.Equal(lower, error.Component?.ToString());
    }

    [Fact]
    public void Second_boot_settings_is_rejected_not_silently_replacing()
    {
        var error = Parse(ExampleSpec().With("boot2", Boot("disk0"))).SingleError<BootSettingsInUse>();
        Assert.Equal("boot2", error.Component?.ToString());
    }

    [Fact]
    public void Second_vsock_is_rejected_not_silently_dropped()
    {
        var error = Parse(ExampleSpec().With("vsock-a", Vsock(3, 9)).With("vsock-b", Vsock(4, 10))).SingleError<VsockInUse>();
        Assert.Equal("vsock-b", error.Component?.ToString());
    }

    [Fact]
    public void Vsock_in_api_version_2_is_an_unknown_variant()
    {
        var error = Parse(ExampleSpec().With("vsock", Vsock(3, 9)), apiVersion: 2).SingleError<UnknownVariant>();
        Assert.Equal("vsock", error.Component?.ToString());
    }

    [Fact]
    public void Errors_of_one_stage_are_all_reported_in_key_order()
    {
        var spec = ExampleSpec().Without("disk0-be").With("disk1", VirtioDisk("nope", 17)).With("x-orphan", Viona());
        spec.Body("disk0")["backend_id"] = "ghost";
        var errors = Parse(spec).Errors();
        Assert.Equal(["disk0", "disk1", "x-orphan"], errors.Select(e => e.Component!.ToString()));
        Assert.IsType<StorageBackendNotFound>(errors[0]);
        Assert.IsType<BackendNotUsed>(errors[2]);
    }

    [Fact]
    public void Not_json_at_all()
    {
        var error = Parse("{\"board\":").SingleError<MalformedJson>();
        Assert.Null(error.Component);
    }
}
