using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Specs;
using Xunit;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>The simple create request goes through the same builder, with Nexus' names and slot-to-PCI map.</summary>
public sealed class SimpleRequestTests
{
    private static readonly Guid DiskId = Guid.Parse("a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2");
    private static readonly Guid NicId = Guid.Parse("5d0b3c1e-7a51-4c8e-9f0d-1b2c3d4e5f60");

    private static SimpleInstanceRequest Request() => new()
    {
        Name = "vm",
        Ncpus = 2,
        MemoryMib = 1024,
        Disks = [new SimpleDisk { Id = DiskId, Name = "root", Slot = 3, Backing = new SimpleDiskBacking.Crucible("""{"type":"volume"}""") }],
        Nics = [new SimpleNic { Id = NicId, Slot = 1 }],
        BootDisk = "root",
        CloudInitBase64 = "aGVsbG8=",
    };

    [Fact]
    public void Builds_a_spec_with_nexus_names_and_slots()
    {
        var spec = SimpleSpecTranslator.Translate(Request(), SpecValidationOptions.Default).Accepted();
        var disk = spec.Disks[$"{DiskId}:device"];
        Assert.Equal(new PciPath(0, 19, 0), disk.Device.PciPath);
        Assert.Equal(SpecKey.FromUuid(DiskId), disk.BackendKey);
        Assert.Equal(NvmeSerialNumberOf("root"), ((DiskDevice.Nvme)disk.Device).SerialNumber);
        Assert.Equal(new PciPath(0, 9, 0), spec.Nics[$"{NicId}:device"].PciPath);
        Assert.Equal(new PciPath(0, 24, 0), spec.Disks["cloud-init-dev"].Device.PciPath);
        Assert.Equal(["com1", "com2", "com3", "com4"], spec.SerialPorts.Keys.Select(k => k.ToString()));
        Assert.True(spec.Pvpanic!.Value.EnableIsa);
        Assert.Equal([SpecKey.Parse($"{DiskId}:device")], spec.BootOrder!.Value);

        // Nexus' generate_vmm_spec reports a write cache on every disk but local zvols, which the simple request cannot name.
        Assert.All(spec.Disks.Values.Select(d => d.Device).OfType<DiskDevice.Nvme>(), nvme => Assert.True(nvme.HasWriteCache));

        // And the wire form of a simple-request spec (the latest, version 6) is itself a valid wire spec.
        var json = WireSpecJson.Write(SpecWireConverter.ToWire(spec));
        Assert.Contains("\"has_write_cache\":true", json, StringComparison.Ordinal);
        Assert.Equal(spec, new WireSpecParser(SpecValidationOptions.Default).ParseJson(json, WireSpecJson.LatestApiVersion).Accepted());
    }

    [Fact]
    public void Slot_outside_nexus_map_is_pci_slot_invalid()
    {
        var request = Request() with { Disks = [new SimpleDisk { Id = DiskId, Name = "root", Slot = 8, Backing = new SimpleDiskBacking.File("/d", 512) }], BootDisk = null };
        var error = SimpleSpecTranslator.Translate(request, SpecValidationOptions.Default).SingleError<PciSlotInvalid>();
        Assert.Equal($"{DiskId}:device", error.Component?.ToString());
    }

    [Fact]
    public void Unknown_boot_disk_is_boot_option_missing_from_the_builder()
    {
        var error = SimpleSpecTranslator.Translate(Request() with { BootDisk = "data" }, SpecValidationOptions.Default).SingleError<BootOptionMissing>();
        Assert.Equal("boot-settings", error.Component?.ToString());
    }

    [Fact]
    public void Repeated_disk_id_is_component_name_in_use()
    {
        var disk = new SimpleDisk { Id = DiskId, Name = "a", Slot = 0, Backing = new SimpleDiskBacking.File("/a", 512) };
        var request = Request() with { Disks = [disk, disk with { Name = "b", Slot = 1 }], BootDisk = null };
        var error = SimpleSpecTranslator.Translate(request, SpecValidationOptions.Default).SingleError<ComponentNameInUse>();
        Assert.Equal($"{DiskId}:device", error.Component?.ToString());
    }

    [Fact]
    public void Too_many_cpus_is_a_board_error()
    {
        var error = SimpleSpecTranslator.Translate(Request() with { Ncpus = 300 }, SpecValidationOptions.Default).SingleError<CpuCountOutOfRange>();
        Assert.Null(error.Component);
    }

    private static NvmeSerialNumber NvmeSerialNumberOf(string name) => NvmeSerialNumber.ZeroPaddedFrom(name);
}
