using System.Text.Json.Nodes;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Specs;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Brief §9 bad inputs 38-40 and good input 10: migration replacement (§5.2) and compatibility (§5.1).</summary>
public sealed class MigrationTests
{
    private const string DiskId = "a9c1e1f4-0f3b-4f5e-8b43-7fb3a0c4b1d2";
    private const string NicId = "5d0b3c1e-7a51-4c8e-9f0d-1b2c3d4e5f60";
    private static readonly WireSpecParser Parser = new(SpecValidationOptions.Default);

    private static JsonObject NexusLikeSpec() => ExampleSpec().Without("disk0").Without("disk0-be")
        .With($"{DiskId}:device", NvmeDisk(DiskId, 16))
        .With(DiskId, CrucibleBackend("""{"type":"volume","generation":1}"""))
        .With($"{NicId}:device", VirtioNic(NicId, 8))
        .With(NicId, Viona("vnic-old"))
        .With("boot", Boot($"{DiskId}:device"));

    private static Spec ParseSpec(JsonNode json) => Parser.ParseJson(json.ToJsonString()).Accepted();

    [Fact]
    public void Bad38_replacement_for_a_key_absent_from_the_source()
    {
        var replacements = WireSpecJson.ReadReplacements("""{"ghost":{"component":"VirtioNetworkBackend","spec":{"vnic_name":"x"}}}""");
        var result = MigrationTargetSpecAmender.Amend(ParseSpec(NexusLikeSpec()), replacements, Parser);
        var error = result.SingleError<ReplacementComponentNotInSource>();
        Assert.IsAssignableFrom<InstanceSpecsIncompatible>(error);
        Assert.Equal("ghost", error.Component?.ToString());
    }

    [Fact]
    public void Bad39_crucible_replacement_for_a_file_backend()
    {
        var replacements = WireSpecJson.ReadReplacements("""{"disk0-be":{"component":"CrucibleStorageBackend","spec":{"request_json":"{}","readonly":false}}}""");
        var result = MigrationTargetSpecAmender.Amend(ParseSpec(ExampleSpec()), replacements, Parser);
        var error = result.SingleError<ReplacementKindMismatch>();
        Assert.IsAssignableFrom<InstanceSpecsIncompatible>(error);
        Assert.Equal("disk0-be", error.Component?.ToString());
        Assert.Equal(ComponentKind.FileStorageBackend, error.Source);
    }

    [Fact]
    public void Failure_injector_replacement_needs_the_family()
    {
        var withInjector = ExampleSpec().With("inject", Injector());
        var all = new WireSpecParser(SpecValidationOptions.AllFamilies);
        var source = all.ParseJson(withInjector.ToJsonString()).Accepted();
        var replacements = WireSpecJson.ReadReplacements("""{"inject":{"component":"MigrationFailureInjector","spec":{"fail_exports":0,"fail_imports":2}}}""");

        var amended = MigrationTargetSpecAmender.Amend(source, replacements, all).Accepted();
        Assert.Equal(2u, amended.MigrationFailureInjector!.Value.FailImports);

        var error = MigrationTargetSpecAmender.Amend(source, replacements, Parser).SingleError<FeatureDisabled>();
        Assert.Equal("inject", error.Component?.ToString());
    }

    [Fact]
    public void Good10_replacing_a_crucible_backend_and_a_vnic_name()
    {
        var source = ParseSpec(NexusLikeSpec());
        var crucible = new JsonObject { ["component"] = "CrucibleStorageBackend", ["spec"] = new JsonObject { ["request_json"] = """{"type":"volume","generation":2}""", ["readonly"] = false } };
        var viona = new JsonObject { ["component"] = "VirtioNetworkBackend", ["spec"] = new JsonObject { ["vnic_name"] = "vnic-new" } };
        var replacements = WireSpecJson.ReadReplacements(new JsonObject { [DiskId] = crucible, [NicId] = viona }.ToJsonString());
        var target = MigrationTargetSpecAmender.Amend(source, replacements, Parser).Accepted();

        Assert.Contains("\"generation\":2", ((StorageBackend.Crucible)target.Disks[$"{DiskId}:device"].Backend).RequestJson, StringComparison.Ordinal);
        Assert.Equal("vnic-new", target.Nics[$"{NicId}:device"].Backend.VnicName);
        // Backend payloads are not compared, so source and amended target stay migration compatible.
        Assert.Empty(MigrationCompatibilityChecker.Check(source, target));
        Assert.Equal(replacements, WireSpecJson.ReadReplacements(WireSpecJson.Write(replacements)));
    }

    [Fact]
    public void Bad40_cpu_count_and_nic_pci_path_mismatches()
    {
        var source = ParseSpec(NexusLikeSpec());
        var targetJson = NexusLikeSpec();
        targetJson.Board()["cpus"] = 4;
        targetJson.Body($"{NicId}:device")["pci_path"] = Pci(0, 9, 0);
        var mismatches = MigrationCompatibilityChecker.Check(source, ParseSpec(targetJson));

        Assert.Collection(
            mismatches,
            m => Assert.Equal((MigrationMismatchKind.BoardCpuCount, "board.cpus", "2", "4"), (m.Kind, m.Path, m.Source, m.Target)),
            m => Assert.Equal((MigrationMismatchKind.NicPciPath, $"nics['{NicId}:device'].pci_path", "0.8.0", "0.9.0"), (m.Kind, m.Path, m.Source, m.Target)));
    }

    [Fact]
    public void Compatibility_compares_board_cpuid_disks_serial_ports_bridges_and_pvpanic()
    {
        var source = ParseSpec(ExampleSpec().With("pvpanic", Pvpanic()).With("bridge", Bridge(1, 0, 30)));
        var targetJson = ExampleSpec().With("com2", Serial("com2")).With("bridge", Bridge(2, 0, 30))
            .With("disk0-be", CrucibleBackend("{}", readOnly: true));
        targetJson.Board()["memory_mb"] = 2048;
        targetJson.Board()["chipset"]!["value"]!["enable_pcie"] = true;
        targetJson.Board()["cpuid"] = Cpuid("intel", (0, null));
        targetJson.Components()["disk0"] = NvmeDisk("disk0-be", 17);
        var kinds = MigrationCompatibilityChecker.Check(source, ParseSpec(targetJson)).Select(m => m.Kind).ToList();

        Assert.Equal(
            [
                MigrationMismatchKind.BoardPcieEnabled, MigrationMismatchKind.CpuidVendor, MigrationMismatchKind.CpuidValues,
                MigrationMismatchKind.CpuidLeafSet, MigrationMismatchKind.CpuidLeafSet, MigrationMismatchKind.CpuidLeafSet,
                MigrationMismatchKind.CpuidLeafSet, MigrationMismatchKind.BoardMemorySize,
                MigrationMismatchKind.DiskInterface, MigrationMismatchKind.DiskPciPath, MigrationMismatchKind.DiskBackendKind, MigrationMismatchKind.DiskReadOnly,
                MigrationMismatchKind.CollectionLength, MigrationMismatchKind.CollectionKeyAbsent,
                MigrationMismatchKind.BridgeDownstreamBus, MigrationMismatchKind.PvpanicPresence,
            ],
            kinds);
    }

    [Fact]
    public void Identical_specs_are_compatible_and_softnpu_never_is()
    {
        var spec = ParseSpec(NexusLikeSpec());
        Assert.Empty(MigrationCompatibilityChecker.Check(spec, spec));

        var falcon = new WireSpecParser(new SpecValidationOptions { EnabledFamilies = ComponentFamilies.Falcon });
        var npu = falcon.ParseJson(ExampleSpec().With("npu", SoftNpuPciPort(5)).With("p9", SoftNpuP9(6)).ToJsonString()).Accepted();
        Assert.Contains(MigrationCompatibilityChecker.Check(npu, npu), m => m.Kind == MigrationMismatchKind.SoftNpu);
    }
}
