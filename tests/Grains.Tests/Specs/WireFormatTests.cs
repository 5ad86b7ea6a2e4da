using System.Text.Json;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;
using V3 = ControlPlane.Grains.Abstractions.Specs.V3;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>The wire JSON is Propolis' byte for byte, and System.Text.Json callers get the same strict reader.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Example_is_written_exactly_as_propolis_writes_it()
    {
        var json = WireSpecJson.Write(WireSpecJson.ReadV3(SpecJson.Example));
        Assert.Equal(
            "{\"board\":{\"cpus\":2,\"memory_mb\":1024,\"chipset\":{\"type\":\"i440_fx\",\"value\":{\"enable_pcie\":false}}}," +
            "\"components\":{" +
            "\"boot\":{\"type\":\"boot_settings\",\"component\":{\"order\":[{\"id\":\"disk0\"}]}}," +
            "\"com1\":{\"type\":\"serial_port\",\"component\":{\"num\":\"com1\"}}," +
            "\"disk0\":{\"type\":\"virtio_disk\",\"component\":{\"backend_id\":\"disk0-be\",\"pci_path\":{\"bus\":0,\"device\":16,\"function\":0}}}," +
            "\"disk0-be\":{\"type\":\"file_storage_backend\",\"component\":{\"path\":\"/d.raw\",\"readonly\":false,\"block_size\":512}}}," +
            "\"smbios\":null}",
            json);
    }

    [Fact]
    public void Uuid_keys_sort_before_names_and_are_written_lowercase()
    {
        var spec = ExampleSpec().With("{A9C1E1F4-0F3B-4F5E-8B43-7FB3A0C4B1D2}", Serial("com2"));
        var keys = WireSpecJson.ReadV3(spec.ToJsonString()).Components.Keys.Select(k => k.ToString()).ToList();
        Assert.Equal(["a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2", "boot", "com1", "disk0", "disk0-be"], keys);
    }

    [Theory]
    [InlineData("A9C1E1F40F3B4F5E8B437FB3A0C4B1D2", true)]
    [InlineData("urn:uuid:a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2", true)]
    [InlineData(" a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2", false)]
    [InlineData("a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d", false)]
    [InlineData("disk0", false)]
    public void Spec_keys_parse_uuids_the_way_rust_does(string text, bool isUuid) => Assert.Equal(isUuid, SpecKey.Parse(text).IsUuid);

    [Fact]
    public void System_text_json_uses_the_strict_reader()
    {
        var spec = JsonSerializer.Deserialize(SpecJson.Example, WireSpecJsonContext.Default.InstanceSpecV3)!;
        Assert.Equal(4, spec.Components.Count);
        Assert.Equal(WireSpecJson.Write(spec), JsonSerializer.Serialize(spec, WireSpecJsonContext.Default.InstanceSpecV3));

        var duplicate = SpecJson.Example.Replace("\"cpus\":2,", "\"cpus\":2,\"cpus\":2,", StringComparison.Ordinal);
        var error = Assert.Throws<WireFormatException>(() => JsonSerializer.Deserialize<V3.InstanceSpec>(duplicate));
        Assert.Equal((WireFormatErrorKind.DuplicateKey, "$.board.cpus"), (error.Kind, error.WirePath));
    }

    [Fact]
    public void Bhyve_takes_no_value_and_null_is_not_an_interface()
    {
        var spec = ExampleSpec();
        spec.Board()["guest_hv_interface"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "bhyve", ["value"] = null };
        Parse(spec).Accepted();
        spec.Board()["guest_hv_interface"] = null;
        Assert.Equal("$.board.guest_hv_interface", Parse(spec).SingleError<ControlPlane.Grains.Specs.UnexpectedJsonType>().Path);
    }
}
