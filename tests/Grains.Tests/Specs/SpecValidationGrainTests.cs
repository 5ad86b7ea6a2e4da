using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using ControlPlane.Grains.Specs;
using ControlPlane.Grains.Testing;
using Orleans.TestingHost;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>The stateless-worker grain answers exactly what the pure validator answers, with the silo's configured families.</summary>
public sealed class SpecValidationGrainTests : IAsyncLifetime
{
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = new TestClusterBuilder(1)
            .AddControlPlane(settings: new Dictionary<string, string?> { ["Specs:EnabledFamilies"] = "FailureInjection" })
            .Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private ISpecValidationGrain Grain => cluster.Client.GetGrain<ISpecValidationGrain>(0);

    [Fact]
    public async Task Valid_spec_comes_back_normalized()
    {
        var result = await Grain.ValidateJson(SpecJson.Example, 3);
        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.NormalizedSpec!.Board.Cpuid);
        Assert.Equal(4, result.NormalizedSpec.Components.Count);
    }

    [Fact]
    public async Task Invalid_spec_comes_back_with_typed_errors_naming_the_component()
    {
        var spec = ExampleSpec();
        spec.Body("disk0")["backend_id"] = "nope";
        var result = await Grain.ValidateJson(spec.ToJsonString(), 3);
        Assert.False(result.IsValid);
        Assert.Collection(
            result.Errors,
            e => Assert.Equal(("storage_backend_not_found", "disk0"), (e.Code, e.Component)),
            e => Assert.Equal(("backend_not_used", "disk0-be"), (e.Code, e.Component)));
    }

    [Fact]
    public async Task The_silos_families_decide_what_is_accepted()
    {
        Assert.True((await Grain.ValidateJson(ExampleSpec().With("inject", Injector()).ToJsonString(), 3)).IsValid);
        var falcon = await Grain.ValidateJson(ExampleSpec().With("npu", SoftNpuPciPort(5)).ToJsonString(), 3);
        Assert.Equal(("feature_disabled", "npu"), (Assert.Single(falcon.Errors).Code, falcon.Errors[0].Component));
    }

    [Fact]
    public async Task Simple_requests_and_migration_checks_go_through_the_grain()
    {
        var request = new SimpleInstanceRequest
        {
            Name = "vm",
            Ncpus = 2,
            MemoryMib = 512,
            Disks = [new SimpleDisk { Id = Guid.NewGuid(), Name = "root", Slot = 0, Backing = new SimpleDiskBacking.File("/root.raw", 4096) }],
            BootDisk = "root",
        };
        Assert.True((await Grain.ValidateSimpleRequest(request)).IsValid);

        var target = ExampleSpec();
        target.Board()["cpus"] = 4;
        var compatibility = await Grain.CheckMigrationCompatibility(SpecJson.Example, target.ToJsonString());
        Assert.False(compatibility.Compatible);
        var mismatch = Assert.Single(compatibility.Mismatches);
        Assert.Equal(("board_cpu_count", "board.cpus"), (mismatch.Kind, mismatch.Path));

        var amended = await Grain.AmendMigrationTarget(SpecJson.Example, """{"ghost":{"component":"VirtioNetworkBackend","spec":{"vnic_name":"x"}}}""");
        Assert.Equal("replacement_component_not_in_source", Assert.Single(amended.Errors).Code);
    }
}
