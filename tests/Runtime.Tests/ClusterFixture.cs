using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Persistence;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Runtime.Tests;

/// <summary>One in-process silo per test class, with fast idle collection and an inspectable store named "store".</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public ProbeLog Log { get; } = new();

    public MemoryGrainStorage Store { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public Silo Silo => Cluster.Primary.Silo;

    public async Task InitializeAsync()
    {
        Cluster = new TestClusterBuilder()
            .ConfigureServices(services => services.AddSingleton(Log))
            .AddSiloBuilderConfigurator(silo =>
            {
                silo.AddGrainStorage("store", Store);
                silo.Configure<GrainCollectionOptions>(o =>
                {
                    o.CollectionQuantum = TimeSpan.FromMilliseconds(100);
                    o.ClassSpecificCollectionAge["timer"] = TimeSpan.FromMilliseconds(600);
                });
            })
            .Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
