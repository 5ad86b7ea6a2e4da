using System.Text.Json.Nodes;
using ControlPlane.Grains.Specs;
using Xunit;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Wire spec JSON for tests: the brief's §1.5 example and component builders to mutate it with.</summary>
internal static class SpecJson
{
    public const string Example = """
        {"board":{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},
         "components":{
          "disk0":{"type":"virtio_disk","component":{"backend_id":"disk0-be","pci_path":{"bus":0,"device":16,"function":0}}},
          "disk0-be":{"type":"file_storage_backend","component":{"path":"/d.raw","readonly":false,"block_size":512}},
          "com1":{"type":"serial_port","component":{"num":"com1"}},
          "boot":{"type":"boot_settings","component":{"order":[{"id":"disk0"}]}}},
         "smbios":null}
        """;

    public static JsonObject ExampleSpec() => JsonNode.Parse(Example)!.AsObject();

    public static JsonObject Components(this JsonObject spec) => spec["components"]!.AsObject();

    public static JsonObject Board(this JsonObject spec) => spec["board"]!.AsObject();

    /// <summary>The body of the component with <paramref name="key"/>.</summary>
    public static JsonObject Body(this JsonObject spec, string key) => spec.Components()[key]!["component"]!.AsObject();

    public static JsonObject With(this JsonObject spec, string key, JsonObject component)
    {
        spec.Components()[key] = component;
        return spec;
    }

    public static JsonObject Without(this JsonObject spec, string key)
    {
        spec.Components().Remove(key);
        return spec;
    }

    public static JsonObject Component(string type, JsonObject body) => new() { ["type"] = type, ["component"] = body };

    public static JsonObject Pci(int bus, int device, int function) => new() { ["bus"] = bus, ["device"] = device, ["function"] = function };

    public static JsonObject VirtioDisk(string backend, int device, int bus = 0) =>
        Component("virtio_disk", new() { ["backend_id"] = backend, ["pci_path"] = Pci(bus, device, 0) });

    public static JsonObject NvmeDisk(string backend, int device, int serialLength = 20) =>
        Component("nvme_disk", new() { ["backend_id"] = backend, ["pci_path"] = Pci(0, device, 0), ["serial_number"] = new JsonArray(Enumerable.Repeat(0x41, serialLength).Select(b => (JsonNode)b).ToArray()) });

    public static JsonObject FileBackend(string path = "/d.raw") =>
        Component("file_storage_backend", new() { ["path"] = path, ["readonly"] = false, ["block_size"] = 512 });

    public static JsonObject CrucibleBackend(string requestJson, bool readOnly = false) =>
        Component("crucible_storage_backend", new() { ["request_json"] = requestJson, ["readonly"] = readOnly });

    public static JsonObject BlobBackend(string base64 = "aGVsbG8=", bool readOnly = true) =>
        Component("blob_storage_backend", new() { ["base64"] = base64, ["readonly"] = readOnly });

    public static JsonObject VirtioNic(string backend, int device, string interfaceId = "7b1f6a2e-33c4-4d4c-9b0a-2f4a4bb0b0a1") =>
        Component("virtio_nic", new() { ["backend_id"] = backend, ["interface_id"] = interfaceId, ["pci_path"] = Pci(0, device, 0) });

    public static JsonObject Viona(string vnic = "vnic0") => Component("virtio_network_backend", new() { ["vnic_name"] = vnic });

    public static JsonObject Dlpi(string vnic = "dlpi0") => Component("dlpi_network_backend", new() { ["vnic_name"] = vnic });

    public static JsonObject Serial(string num) => Component("serial_port", new() { ["num"] = num });

    public static JsonObject Bridge(int downstreamBus, int bus, int device) =>
        Component("pci_pci_bridge", new() { ["downstream_bus"] = downstreamBus, ["pci_path"] = Pci(bus, device, 0) });

    public static JsonObject Pvpanic(bool isa = true) => Component("qemu_pvpanic", new() { ["enable_isa"] = isa });

    public static JsonObject Boot(params string[] ids) =>
        Component("boot_settings", new() { ["order"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()) });

    public static JsonObject Vsock(long cid, int device) => Component("virtio_socket", new() { ["guest_cid"] = cid, ["pci_path"] = Pci(0, device, 0) });

    public static JsonObject SoftNpuPciPort(int device) => Component("soft_npu_pci_port", new() { ["pci_path"] = Pci(0, device, 0) });

    public static JsonObject SoftNpuP9(int device) => Component("soft_npu_p9", new() { ["pci_path"] = Pci(0, device, 0) });

    public static JsonObject SoftNpuPort(string backend, string link = "sc0_0") => Component("soft_npu_port", new() { ["link_name"] = link, ["backend_id"] = backend });

    public static JsonObject Injector(int exports = 1, int imports = 0) =>
        Component("migration_failure_injector", new() { ["fail_exports"] = exports, ["fail_imports"] = imports });

    public static JsonObject Cpuid(string vendor, params (long Leaf, long? Subleaf)[] entries) => new()
    {
        ["entries"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
        {
            ["leaf"] = e.Leaf,
            ["subleaf"] = e.Subleaf,
            ["eax"] = 1,
            ["ebx"] = 2,
            ["ecx"] = 3,
            ["edx"] = 4,
        }).ToArray()),
        ["vendor"] = vendor,
    };

    public static SpecParseResult Parse(JsonNode spec, SpecValidationOptions? options = null, int apiVersion = 3) =>
        new WireSpecParser(options ?? SpecValidationOptions.Default).ParseJson(spec.ToJsonString(), apiVersion);

    public static SpecParseResult Parse(string json, SpecValidationOptions? options = null, int apiVersion = 3) =>
        new WireSpecParser(options ?? SpecValidationOptions.Default).ParseJson(json, apiVersion);

    /// <summary>Asserts the input was rejected with exactly one error, of type <typeparamref name="T"/>.</summary>
    public static T SingleError<T>(this SpecParseResult result)
        where T : SpecError
    {
        var rejected = Assert.IsType<SpecParseResult.Rejected>(result);
        return Assert.IsType<T>(Assert.Single(rejected.Errors));
    }

    /// <summary>All errors of a rejection.</summary>
    public static IReadOnlyList<SpecError> Errors(this SpecParseResult result) => Assert.IsType<SpecParseResult.Rejected>(result).Errors;

    public static Spec Accepted(this SpecParseResult result)
    {
        if (result is SpecParseResult.Rejected rejected)
        {
            Assert.Fail($"spec rejected: {string.Join("; ", rejected.Errors)}");
        }

        return Assert.IsType<SpecParseResult.Accepted>(result).Spec;
    }
}
