using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Testing;
using Orleans.TestingHost;
using Xunit;

namespace ControlPlane.Grains.Tests.Testing;

/// <summary>README's "Writing a test", verbatim: a user's own TestCluster test of the control plane.</summary>
public sealed class WritingATestExample
{
    [Fact]
    public async Task An_instance_created_through_a_test_cluster_runs()
    {
        var cluster = new TestClusterBuilder(1).AddControlPlane().Build();
        await cluster.DeployAsync();
        await using var _ = cluster;

        var instance = cluster.Client.GetGrain<IInstanceGrain>(Guid.NewGuid());
        await instance.Create(new InstanceCreateRequest
        {
            Name = "web-1",
            Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = "web-1", Ncpus = 2, MemoryMib = 1024 }),
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // turns a hang into a failure
        var view = await instance.Get();
        while (view.RunState != InstanceRunState.Running)
        {
            await Task.Delay(10, timeout.Token);
            view = await instance.Get();
        }

        Assert.Contains(view.SledId, new Guid?[] { TestSleds.A, TestSleds.B });
    }
}
