using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Specs;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;
using V6 = ControlPlane.Grains.Abstractions.Specs.V6;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>
/// Propolis API version 6 (what current Omicron pins: <c>nvme_disk.has_write_cache</c> required) beside version 5 (without
/// it), and the places where Propolis' serde is lenient (domain-instance-specs.md §9).
/// </summary>
public sealed class PropolisV6AndLeniencyTests
{
    private const int V5 = 5;
    private const int V6Version = 6;

    /// <summary>The shape Nexus' generate_vmm_spec produces: backend keyed by disk id, device `&lt;id&gt;:device`, NVMe with the write-cache flag.</summary>
    private static JsonObject OmicronV6Spec(bool hasWriteCache)
    {
        const string disk = "0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33";
        var spec = ExampleSpec().Without("disk0").Without("disk0-be");
        var nvme = NvmeDisk(disk, 16);
        nvme["component"]!["has_write_cache"] = hasWriteCache;
        spec.With($"{disk}:device", nvme).With(disk, CrucibleBackend("""{"type":"volume","id":"0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33"}"""));
        spec.Body("boot")["order"] = new JsonArray(new JsonObject { ["id"] = $"{disk}:device" });
        return spec;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_version_6_nvme_disk_carries_its_write_cache_setting_into_the_internal_spec_and_back(bool hasWriteCache)
    {
        var spec = Parse(OmicronV6Spec(hasWriteCache), apiVersion: V6Version).Accepted();
        var device = Assert.IsType<DiskDevice.Nvme>(Assert.Single(spec.Disks).Value.Device);
        Assert.Equal(hasWriteCache, device.HasWriteCache);

        var wire = SpecWireConverter.ToWire(spec);
        var nvme = Assert.IsType<V6.NvmeDisk>(Assert.Single(wire.Components.Values, c => c.Kind == ComponentKind.NvmeDisk));
        Assert.Equal(hasWriteCache, nvme.HasWriteCache);
        var json = JsonNode.Parse(WireSpecJson.WriteAsVersion(wire, V6Version))!;
        Assert.Equal(hasWriteCache, json["components"]!["0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33:device"]!["component"]!["has_write_cache"]!.GetValue<bool>());
    }

    [Fact]
    public void Version_6_requires_has_write_cache_and_version_5_does_not_know_it()
    {
        var without = OmicronV6Spec(true);
        without.Body("0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33:device").Remove("has_write_cache");
        var missing = Parse(without, apiVersion: V6Version).SingleError<MissingField>();
        Assert.Equal("$.components['0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33:device'].component", missing.Path);
        Assert.Contains("has_write_cache", missing.Detail, StringComparison.Ordinal);

        // The same spec without the field is a valid version 5 spec, read as reporting a write cache (as every v5 disk did).
        var v5 = Parse(without, apiVersion: V5).Accepted();
        Assert.True(Assert.IsType<DiskDevice.Nvme>(Assert.Single(v5.Disks).Value.Device).HasWriteCache);

        var unknown = Parse(OmicronV6Spec(true), apiVersion: V5).SingleError<UnknownField>();
        Assert.EndsWith(".component.has_write_cache", unknown.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_version_6_spec_as_version_5_keeps_a_write_cache_and_refuses_to_drop_its_absence()
    {
        var withCache = SpecWireConverter.ToWire(Parse(OmicronV6Spec(true), apiVersion: V6Version).Accepted());
        var v5 = WireSpecJson.WriteAsVersion(withCache, V5);
        Assert.DoesNotContain("has_write_cache", v5, StringComparison.Ordinal);
        Assert.IsType<SpecParseResult.Accepted>(Parse(v5, apiVersion: V5));

        var withoutCache = SpecWireConverter.ToWire(Parse(OmicronV6Spec(false), apiVersion: V6Version).Accepted());
        var refused = Assert.Throws<V6.SpecDowngradeRefusedException>(() => withoutCache.ToV5());
        Assert.Equal("0c8e3f2a-6b1d-4e59-9a57-2d4f8b6c1e33:device", refused.Component.ToString());
        Assert.Equal("has_write_cache", refused.Field);
        Assert.Throws<V6.SpecDowngradeRefusedException>(() => WireSpecJson.WriteAsVersion(withoutCache, 2));
    }

    [Fact]
    public void Migration_compatibility_compares_the_write_cache()
    {
        var validator = new SpecValidator(SpecValidationOptions.Default);
        var result = validator.CheckMigrationCompatibility(OmicronV6Spec(true).ToJsonString(), OmicronV6Spec(false).ToJsonString(), V6Version);
        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal("disk_write_cache", mismatch.Kind);
        Assert.Equal(("true", "false"), (mismatch.Source, mismatch.Target));
        Assert.Empty(validator.CheckMigrationCompatibility(OmicronV6Spec(false).ToJsonString(), OmicronV6Spec(false).ToJsonString(), V6Version).Mismatches);
    }

    [Fact]
    public void Grain_state_written_before_version_6_still_loads()
    {
        // Stored instance records hold the spec through System.Text.Json; rows written before version 6 lack the flag.
        var stored = WireSpecJson.Write(WireSpecJson.ReadV3(Example));
        var withNvme = JsonNode.Parse(stored)!.AsObject().With("nvme", NvmeDisk("nvme-be", 17)).With("nvme-be", FileBackend());
        var read = JsonSerializer.Deserialize<V6.InstanceSpec>(withNvme.ToJsonString())!;
        Assert.True(Assert.IsType<V6.NvmeDisk>(read.Components[SpecKey.Parse("nvme")]).HasWriteCache);

        var roundTripped = JsonSerializer.Deserialize<V6.InstanceSpec>(JsonSerializer.Serialize(read));
        Assert.Equal(read, roundTripped);
    }

    [Fact]
    public void Unknown_fields_inside_a_pci_path_are_ignored_and_not_written_back_as_propolis_does()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["pci_path"]!["segment"] = 0;
        var accepted = Parse(spec).Accepted();
        Assert.Equal(new PciPath(0, 16, 0), accepted.Disks["disk0"].Device.PciPath);
        Assert.DoesNotContain("segment", WireSpecJson.Write(SpecWireConverter.ToWire(accepted)), StringComparison.Ordinal);

        // A known field given twice is still a duplicate, at its own path.
        var duplicate = Parse(SpecJson.Example.Replace("\"device\":16,", "\"device\":16,\"device\":17,", StringComparison.Ordinal)).SingleError<DuplicateKey>();
        Assert.Equal("$.components['disk0'].component.pci_path.device", duplicate.Path);
    }

    [Fact]
    public void Unknown_fields_inside_a_boot_order_entry_are_ignored_and_not_written_back_as_propolis_does()
    {
        var spec = ExampleSpec();
        spec.Body("boot")["order"]![0]!["priority"] = 1;
        var accepted = Parse(spec).Accepted();
        Assert.Equal([SpecKey.Parse("disk0")], accepted.BootOrder!.Value);
        Assert.DoesNotContain("priority", WireSpecJson.Write(SpecWireConverter.ToWire(accepted)), StringComparison.Ordinal);
    }

    [Fact]
    public void File_backend_workers_go_up_to_two_to_the_64_minus_1()
    {
        var spec = ExampleSpec();
        spec.Body("disk0-be")["workers"] = ulong.MaxValue;
        var accepted = Parse(spec).Accepted();
        var file = Assert.IsType<StorageBackend.File>(accepted.Disks["disk0"].Backend);
        Assert.Equal(ulong.MaxValue, file.Workers!.Value.Count);
        Assert.Contains("\"workers\":18446744073709551615", WireSpecJson.Write(SpecWireConverter.ToWire(accepted)), StringComparison.Ordinal);

        var tooMany = Parse(SpecJson.Example.Replace("\"block_size\":512", "\"block_size\":512,\"workers\":18446744073709551616", StringComparison.Ordinal)).SingleError<NumberOutOfRange>();
        Assert.Equal("$.components['disk0-be'].component.workers", tooMany.Path);
    }

    [Fact]
    public void A_softnpu_pci_port_alone_builds_as_propolis_boots_it()
    {
        var options = new SpecValidationOptions { EnabledFamilies = ComponentFamilies.Falcon };
        var accepted = Parse(ExampleSpec().With("npu", SoftNpuPciPort(5)), options).Accepted();
        Assert.NotNull(accepted.SoftNpu.PciPort);
        Assert.Empty(accepted.SoftNpu.Ports);
    }

    [Fact]
    public void Duplicate_keys_anywhere_are_duplicate_key_at_the_path_of_the_key()
    {
        var inBoard = Parse(SpecJson.Example.Replace("\"enable_pcie\":false", "\"enable_pcie\":false,\"enable_pcie\":true", StringComparison.Ordinal)).SingleError<DuplicateKey>();
        Assert.Equal("$.board.chipset.value.enable_pcie", inBoard.Path);
        var inComponents = Parse(SpecJson.Example.Replace("\"com1\":{", "\"com1\":{\"type\":\"serial_port\",\"component\":{\"num\":\"com2\"}},\"com1\":{", StringComparison.Ordinal)).SingleError<DuplicateKey>();
        Assert.Equal("$.components['com1']", inComponents.Path);
        Assert.Equal("duplicate_key", inComponents.Code);
    }
}
