using System.Text.Json.Nodes;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Specs;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Brief §9, good inputs 1-9: each converts without error and round-trips (10 is in MigrationTests).</summary>
public sealed class BriefGoodInputTests
{
    private static readonly SpecValidationOptions Options = SpecValidationOptions.Default;

    private static Spec AcceptAndRoundTrip(JsonNode json, int apiVersion = 3)
    {
        var spec = Parse(json, Options, apiVersion).Accepted();
        RoundTrip.AssertRoundTrips(WireSpecJson.ReadAnyVersion(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), apiVersion), spec, Options);
        return spec;
    }

    [Fact]
    public void Good01_board_only_gets_the_host_cpuid()
    {
        var json = new JsonObject { ["board"] = ExampleSpec().Board().DeepClone(), ["components"] = new JsonObject() };
        var spec = AcceptAndRoundTrip(json);
        Assert.Equal(HostCpuidDefaults.Amd, spec.Cpuid);
        var output = JsonNode.Parse(WireSpecJson.Write(SpecWireConverter.ToWire(spec)))!;
        Assert.Equal("amd", (string?)output["board"]!["cpuid"]!["vendor"]);
        Assert.Empty(output["components"]!.AsObject());
    }

    [Fact]
    public void Good02_example_round_trips_to_identical_keys()
    {
        var spec = AcceptAndRoundTrip(ExampleSpec());
        var output = JsonNode.Parse(WireSpecJson.Write(SpecWireConverter.ToWire(spec)))!["components"]!.AsObject();
        Assert.Equal(["boot", "com1", "disk0", "disk0-be"], output.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.IsType<DiskDevice.Virtio>(spec.Disks["disk0"].Device);
        Assert.Equal(["disk0"], spec.BootOrder!.Value.Select(k => k.ToString()));
    }

    [Fact]
    public void Good03_nvme_disk_with_crucible_backend_keyed_by_uuid()
    {
        const string id = "a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2";
        var spec = ExampleSpec().Without("disk0").Without("disk0-be")
            .With($"{id}:device", NvmeDisk(id, 16))
            .With(id, CrucibleBackend($$"""{"type":"volume","id":"{{id}}","block_size":512,"sub_volumes":[]}"""))
            .With("boot", Boot($"{id}:device"));
        var parsed = AcceptAndRoundTrip(spec);
        var disk = parsed.Disks[$"{id}:device"];
        Assert.True(disk.BackendKey.IsUuid);
        Assert.IsType<StorageBackend.Crucible>(disk.Backend);
    }

    [Fact]
    public void Good04_uppercase_uuid_key_is_returned_lowercase()
    {
        const string id = "A9C1E1F4-0F3B-4F5E-8B43-7FB3A0C4B1D2";
        var spec = ExampleSpec().Without("disk0-be").With(id, FileBackend());
        spec.Body("disk0")["backend_id"] = id;
        var parsed = AcceptAndRoundTrip(spec);
        var output = WireSpecJson.Write(SpecWireConverter.ToWire(parsed));
        Assert.Contains(id.ToLowerInvariant(), output, StringComparison.Ordinal);
        Assert.DoesNotContain(id, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Good05_four_serial_ports_pvpanic_and_a_read_only_cloud_init_disk()
    {
        var spec = ExampleSpec().With("com2", Serial("com2")).With("com3", Serial("com3")).With("com4", Serial("com4"))
            .With("pvpanic", Pvpanic()).With("cloud-init-dev", VirtioDisk("cloud-init-backend", 24)).With("cloud-init-backend", BlobBackend());
        var parsed = AcceptAndRoundTrip(spec);
        Assert.Equal(4, parsed.SerialPorts.Count);
        Assert.True(parsed.Disks["cloud-init-dev"].Backend.Readonly);
        Assert.Equal("pvpanic", parsed.Pvpanic!.Key.ToString());
    }

    [Fact]
    public void Good06_disk_behind_a_bridge_not_in_the_boot_order()
    {
        var spec = ExampleSpec().With("bridge", Bridge(1, 0, 30)).With("disk1", VirtioDisk("disk1-be", 0, bus: 1)).With("disk1-be", FileBackend("/e.raw"));
        var parsed = AcceptAndRoundTrip(spec);
        Assert.Equal(1, parsed.PciPciBridges["bridge"].DownstreamBus);
        Assert.Equal(new PciPath(1, 0, 0), parsed.Disks["disk1"].Device.PciPath);
    }

    [Fact]
    public void Good07_hyper_v_and_explicit_amd_cpuid()
    {
        var spec = ExampleSpec();
        spec.Board()["guest_hv_interface"] = new JsonObject { ["type"] = "hyper_v", ["value"] = new JsonObject { ["features"] = new JsonArray("reference_tsc") } };
        spec.Board()["cpuid"] = Cpuid("amd", (7, 0), (0, null), (1, null));
        var parsed = AcceptAndRoundTrip(spec);
        Assert.IsType<GuestHypervisorInterface.HyperV>(parsed.Board.GuestHvInterface);
        Assert.Equal([0u, 1u, 7u], parsed.Cpuid.Entries.Select(e => e.Leaf));
    }

    [Fact]
    public void Good08_empty_boot_order_and_a_repeated_boot_entry()
    {
        AcceptAndRoundTrip(ExampleSpec().With("boot", Boot()));
        var parsed = AcceptAndRoundTrip(ExampleSpec().With("boot", Boot("disk0", "disk0")));
        Assert.Equal(2, parsed.BootOrder!.Value.Count);
    }

    [Fact]
    public void Good09_vsock_and_smbios_in_v3_hidden_by_older_versions()
    {
        var spec = ExampleSpec().With("vsock", Vsock(3, 9));
        spec["smbios"] = new JsonObject { ["manufacturer"] = "Oxide", ["product_name"] = "Gimlet", ["serial_number"] = "SN1", ["version"] = 1 };
        var parsed = AcceptAndRoundTrip(spec);
        Assert.Equal(3u, parsed.Vsock!.Value.GuestCid);

        var v3 = SpecWireConverter.ToWire(parsed).ToV5();
        var v2 = v3.ToV2();
        Assert.DoesNotContain(v2.Components.Keys, k => k.ToString() == "vsock");
        Assert.NotNull(v2.Smbios);
        Assert.False(v3.TryToV2Lossless(out _));
        Assert.DoesNotContain("virtio_socket", WireSpecJson.Write(v2), StringComparison.Ordinal);

        var v1 = v2.ToV1();
        Assert.DoesNotContain("smbios", WireSpecJson.Write(v1), StringComparison.Ordinal);
        Assert.False(v2.TryToV1Lossless(out _));
        var versioned = WireSpecJson.Write(new VersionedInstanceSpec { Spec = v1 });
        Assert.StartsWith("{\"version\":\"V0\",\"spec\":{", versioned, StringComparison.Ordinal);
        Assert.Equal(v1, WireSpecJson.ReadVersioned(versioned).Spec);
    }

    [Fact]
    public void Explicit_default_hypervisor_interface_is_omitted_on_output()
    {
        var spec = ExampleSpec();
        spec.Board()["guest_hv_interface"] = new JsonObject { ["type"] = "bhyve" };
        var parsed = AcceptAndRoundTrip(spec);
        Assert.DoesNotContain("guest_hv_interface", WireSpecJson.Write(SpecWireConverter.ToWire(parsed)), StringComparison.Ordinal);
    }

    [Fact]
    public void Falcon_spec_keeps_softnpu_names_unlike_propolis()
    {
        var spec = ExampleSpec().With("npu", SoftNpuPciPort(5)).With("npu-p9", SoftNpuP9(6)).With("port0", SoftNpuPort("port0-be")).With("port0-be", Dlpi());
        var options = new SpecValidationOptions { EnabledFamilies = ComponentFamilies.Falcon };
        var parsed = Parse(spec, options).Accepted();
        RoundTrip.AssertRoundTrips(ControlPlane.Grains.Abstractions.Specs.V6.InstanceSpec.FromV5(WireSpecJson.ReadV3(spec.ToJsonString())), parsed, options);
        Assert.Equal(SerialPortDevice.SoftNpu, parsed.SerialPorts["npu"].Device);
    }

    [Fact]
    public void Every_api_version_up_converts_losslessly()
    {
        var v1Json = ExampleSpec();
        v1Json.Remove("smbios");
        var v1 = WireSpecJson.ReadV1(v1Json.ToJsonString());
        var v2 = Abstractions.Specs.V2.InstanceSpec.FromV1(v1);
        var v3 = Abstractions.Specs.V3.InstanceSpec.FromV2(v2);
        Assert.True(v3.TryToV2Lossless(out var backToV2));
        Assert.Equal(v2, backToV2);
        Assert.True(backToV2.TryToV1Lossless(out var backToV1));
        Assert.Equal(v1, backToV1);
        Assert.Equal(v1, WireSpecJson.ReadV1(WireSpecJson.Write(v1)));
        Assert.Equal(v2, WireSpecJson.ReadV2(WireSpecJson.Write(v2)));
    }
}
