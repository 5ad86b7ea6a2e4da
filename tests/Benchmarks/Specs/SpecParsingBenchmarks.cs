using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Specs;

namespace ControlPlane.Benchmarks.Specs;

/// <summary>
/// Specs parsed and validated per second (strict JSON read, builder, whole-spec checks) for the brief's
/// §1.5 example and for a 40-component spec. Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*SpecParsing*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SpecsPerSecondConfig))]
public class SpecParsingBenchmarks
{
    private const string Example = """
        {"board":{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},
         "components":{
          "disk0":{"type":"virtio_disk","component":{"backend_id":"disk0-be","pci_path":{"bus":0,"device":16,"function":0}}},
          "disk0-be":{"type":"file_storage_backend","component":{"path":"/d.raw","readonly":false,"block_size":512}},
          "com1":{"type":"serial_port","component":{"num":"com1"}},
          "boot":{"type":"boot_settings","component":{"order":[{"id":"disk0"}]}}},
         "smbios":null}
        """;

    private readonly WireSpecParser parser = new(SpecValidationOptions.Default);
    private readonly byte[] example = Encoding.UTF8.GetBytes(Example);
    private readonly byte[] fortyComponents = Encoding.UTF8.GetBytes(FortyComponentSpec());

    [GlobalSetup]
    public void CheckInputsAreValid()
    {
        _ = ParseAndValidateExample();
        var spec = ParseAndValidate40Components();
        var count = JsonNode.Parse(fortyComponents)!["components"]!.AsObject().Count;
        if (count != 40 || spec.Disks.Count != 12)
        {
            throw new InvalidOperationException($"the large spec has {count} components");
        }
    }

    [Benchmark(Baseline = true, Description = "§1.5 example (4 components)")]
    public Spec ParseAndValidateExample() => Accept(parser.ParseJson(example));

    [Benchmark(Description = "40 components")]
    public Spec ParseAndValidate40Components() => Accept(parser.ParseJson(fortyComponents));

    [Benchmark(Description = "40 components, internal -> wire -> JSON")]
    public string WriteBack40Components() => WireSpecJson.Write(SpecWireConverter.ToWire(Accept(parser.ParseJson(fortyComponents))));

    private static Spec Accept(SpecParseResult result) =>
        result is SpecParseResult.Accepted accepted ? accepted.Spec : throw new InvalidOperationException(result.ToString());

    /// <summary>12 disks with backends (crucible, file, blob), 4 NICs with backends, COM1-4, pvpanic, boot settings, a bridge, a vsock: 40 components.</summary>
    private static string FortyComponentSpec()
    {
        var components = new JsonObject();
        static JsonObject Pci(int device, int bus = 0) => new() { ["bus"] = bus, ["device"] = device, ["function"] = 0 };
        for (var i = 0; i < 12; i++)
        {
            var id = new Guid(i + 1, 0, 0, new byte[8]).ToString();
            components[$"{id}:device"] = i % 2 == 0
                ? new JsonObject { ["type"] = "virtio_disk", ["component"] = new JsonObject { ["backend_id"] = id, ["pci_path"] = Pci(16 + i) } }
                : new JsonObject
                {
                    ["type"] = "nvme_disk",
                    ["component"] = new JsonObject { ["backend_id"] = id, ["pci_path"] = Pci(16 + i), ["serial_number"] = new JsonArray(Enumerable.Range(0, 20).Select(b => (JsonNode)b).ToArray()) },
                };
            components[id] = (i % 3) switch
            {
                0 => new JsonObject { ["type"] = "crucible_storage_backend", ["component"] = new JsonObject { ["request_json"] = $$"""{"type":"volume","id":"{{id}}","block_size":512,"sub_volumes":[]}""", ["readonly"] = false } },
                1 => new JsonObject { ["type"] = "file_storage_backend", ["component"] = new JsonObject { ["path"] = $"/disks/{i}.raw", ["readonly"] = false, ["block_size"] = 4096, ["workers"] = 8 } },
                _ => new JsonObject { ["type"] = "blob_storage_backend", ["component"] = new JsonObject { ["base64"] = Convert.ToBase64String(new byte[512]), ["readonly"] = true } },
            };
        }

        for (var i = 0; i < 4; i++)
        {
            var id = new Guid(100 + i, 0, 0, new byte[8]).ToString();
            components[$"{id}:device"] = new JsonObject { ["type"] = "virtio_nic", ["component"] = new JsonObject { ["backend_id"] = id, ["interface_id"] = id, ["pci_path"] = Pci(8 + i) } };
            components[id] = new JsonObject { ["type"] = "virtio_network_backend", ["component"] = new JsonObject { ["vnic_name"] = $"vnic{i}" } };
        }

        for (var i = 1; i <= 4; i++)
        {
            components[$"com{i}"] = new JsonObject { ["type"] = "serial_port", ["component"] = new JsonObject { ["num"] = $"com{i}" } };
        }

        components["pvpanic"] = new JsonObject { ["type"] = "qemu_pvpanic", ["component"] = new JsonObject { ["enable_isa"] = true } };
        components["boot-settings"] = new JsonObject { ["type"] = "boot_settings", ["component"] = new JsonObject { ["order"] = new JsonArray(new JsonObject { ["id"] = $"{new Guid(1, 0, 0, new byte[8])}:device" }) } };
        components["bridge"] = new JsonObject { ["type"] = "pci_pci_bridge", ["component"] = new JsonObject { ["downstream_bus"] = 1, ["pci_path"] = Pci(30) } };
        components["vsock"] = new JsonObject { ["type"] = "virtio_socket", ["component"] = new JsonObject { ["guest_cid"] = 3, ["pci_path"] = Pci(5) } };
        var board = JsonNode.Parse(Example)!["board"]!.DeepClone();
        return new JsonObject { ["board"] = board, ["components"] = components, ["smbios"] = null }.ToJsonString();
    }

    /// <summary>Adds the specs-per-second column next to the mean.</summary>
    private sealed class SpecsPerSecondConfig : ManualConfig
    {
        public SpecsPerSecondConfig() => AddColumn(new SpecsPerSecondColumn());
    }

    /// <summary>1 / mean: how many specs one core parses and validates per second.</summary>
    private sealed class SpecsPerSecondColumn : IColumn
    {
        public string Id => nameof(SpecsPerSecondColumn);

        public string ColumnName => "Specs/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Specs parsed and validated per second on one core (1 / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
