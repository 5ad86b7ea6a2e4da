using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Tests.Vmms;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>
/// Idle activations collected (as <see cref="ControlPlane.Grains.Hosting.IdleActivationCollection"/> does early for name claims) lose nothing:
/// the name stays taken and the instance keeps running, read back from storage by new activations.
/// </summary>
public sealed class IdleCollectionTests
{
    [Fact]
    public async Task A_name_claim_collected_while_idle_still_refuses_a_second_instance_of_that_name()
    {
        await using var c = await VmmCluster.StartAsync();
        var first = await c.RunningInstance("web");
        var before = await ActivationCount(c, "InstanceNameGrain");
        Assert.True(before >= 1);

        await c.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await c.Until(async () => await ActivationCount(c, "InstanceNameGrain") == 0, "name claims collected");

        await Assert.ThrowsAsync<InstanceNameInUseException>(() => c.Instance(Guid.NewGuid()).Create(VmmCluster.Request("web")));
        Assert.Equal(InstanceRunState.Running, (await c.Instance(first.Id).Find())!.RunState);
    }

    private static async Task<int> ActivationCount(VmmCluster c, string grainClass) =>
        (await c.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + grainClass, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
