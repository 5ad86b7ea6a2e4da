using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit;

namespace ControlPlane.Grains.Tests.Sleds;

/// <summary>
/// Sled placement on a two-silo TestCluster where each silo hosts one sled: a sled-side grain activates only on the
/// silo whose metadata lists its sled, and a sled no live silo hosts fails fast with the project's own exception.
/// </summary>
public sealed class SledPlacementTests : IClassFixture<SledPlacementTests.TwoSiloCluster>
{
    private readonly TestCluster cluster;

    public SledPlacementTests(TwoSiloCluster fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        cluster = fixture.Cluster;
    }

    [Fact]
    public async Task A_sled_vmm_activates_on_the_silo_hosting_its_sled_whoever_calls()
    {
        foreach (var (sled, silo) in new[] { (TestSleds.A, cluster.Primary!), (TestSleds.B, cluster.SecondarySilos[0]) })
        {
            for (var i = 0; i < 8; i++)
            {
                var vmm = cluster.Client.GetSledVmm(sled, Guid.NewGuid());
                Assert.Null(await vmm.GetStateV2()); // activates it (an unknown VMM reads as null)
                Assert.True(cluster.TryGetGrainContext(vmm.GetGrainId(), out var context), "the activation exists");
                Assert.Equal(silo.SiloAddress, context!.Address.SiloAddress);
            }
        }
    }

    [Fact]
    public async Task A_sled_no_silo_hosts_fails_with_NoSledHostException_naming_it()
    {
        var unknown = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<NoSledHostException>(() => cluster.Client.GetSledVmm(unknown, Guid.NewGuid()).GetStateV2());
        Assert.Equal(unknown, error.SledId);
    }

    /// <summary>Primary hosts sled A, Secondary_1 hosts sled B.</summary>
    public sealed class TwoSiloCluster : IAsyncLifetime
    {
        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cluster = new TestClusterBuilder(2).AddControlPlane(settings: new Dictionary<string, string?>
            {
                [$"{ControlPlaneTestSettings.SiloSleds}:Primary"] = TestSleds.A.ToString(),
                [$"{ControlPlaneTestSettings.SiloSleds}:Secondary_1"] = TestSleds.B.ToString(),
            }).Build();
            await Cluster.DeployAsync();
        }

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
