using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Diagnostics;
using ControlPlane.Grains.Instances;
using Xunit;
using LatestSpecs = ControlPlane.Grains.Abstractions.Specs.V6;

namespace ControlPlane.Grains.Tests.Diagnostics;

/// <summary>The per-state gauges' pure counting: every state reported, deleted VMMs left out, run states derived from the freshest VMM view.</summary>
public sealed class ControlPlaneMetricsTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Vmms_are_counted_per_state_with_zeros_and_without_soft_deleted_ones()
    {
        var counts = Counts(ControlPlaneMetrics.CountVmms(
            [Vmm(NexusVmmState.Running), Vmm(NexusVmmState.Running), Vmm(NexusVmmState.Stopping), Vmm(NexusVmmState.Running) with { Deleted = true }]), "state");

        Assert.Equal(Enum.GetValues<NexusVmmState>().Length, counts.Count);
        Assert.Equal(2, counts["running"]);
        Assert.Equal(1, counts["stopping"]);
        Assert.Equal(0, counts["saga_unwound"]);
    }

    [Fact]
    public void An_instance_run_state_uses_its_vmm_s_census_entry_over_the_view_it_last_saw()
    {
        var vmm = Vmm(NexusVmmState.Starting);
        var census = new ActivationCensus<VmmView>();
        var seenStarting = InstanceCensusEntry.Of(Instance(InstanceNexusState.Vmm, vmm.VmmId), vmm);
        var stopped = InstanceCensusEntry.Of(Instance(InstanceNexusState.NoVmm, null), null);

        var before = Counts(ControlPlaneMetrics.CountInstances([seenStarting, stopped], census), "run_state");
        census.Set(vmm.VmmId, vmm with { State = NexusVmmState.Running });
        var after = Counts(ControlPlaneMetrics.CountInstances([seenStarting, stopped], census), "run_state");

        Assert.Equal(Enum.GetValues<InstanceRunState>().Length, before.Count);
        Assert.Equal((1, 0, 1), (before["starting"], before["running"], before["stopped"]));
        Assert.Equal((0, 1, 1), (after["starting"], after["running"], after["stopped"]));
    }

    [Fact]
    public void A_collected_instance_stays_in_the_census_and_one_deactivated_otherwise_leaves_it()
    {
        var collected = Instance(InstanceNexusState.NoVmm, null);
        var moved = Instance(InstanceNexusState.NoVmm, null);
        InstanceCensus.Report(collected.Id, collected, null);
        InstanceCensus.Report(moved.Id, moved, null);

        ControlPlaneMetrics.Instances.Deactivated(collected.Id, new Orleans.DeactivationReason(Orleans.DeactivationReasonCode.ActivationIdle, "idle"));
        ControlPlaneMetrics.Instances.Deactivated(moved.Id, new Orleans.DeactivationReason(Orleans.DeactivationReasonCode.ShuttingDown, "stopping"));

        Assert.True(ControlPlaneMetrics.Instances.TryGet(collected.Id, out var kept));
        Assert.Equal(InstanceRunState.Stopped, kept.RunState(null));
        Assert.False(ControlPlaneMetrics.Instances.TryGet(moved.Id, out _));
        ControlPlaneMetrics.Instances.Remove(collected.Id);
    }

    private static Dictionary<string, long> Counts(IEnumerable<System.Diagnostics.Metrics.Measurement<long>> measurements, string tag) =>
        measurements.ToDictionary(m => (string)m.Tags.ToArray().Single(t => t.Key == tag).Value!, m => m.Value);

    private static VmmView Vmm(NexusVmmState state) => new()
    {
        VmmId = Guid.NewGuid(),
        InstanceId = Guid.NewGuid(),
        SledId = Guid.NewGuid(),
        State = state,
        Generation = new Generation(2),
        TimeUpdated = T,
    };

    private static InstanceRecord Instance(InstanceNexusState state, Guid? active) => new()
    {
        Id = Guid.NewGuid(),
        Name = "i",
        Spec = new LatestSpecs.InstanceSpec
        {
            Board = new Board { Cpus = 1, MemoryMb = 512, Chipset = new I440Fx { EnablePcie = false } },
            Components = ComponentMap<LatestSpecs.IComponent>.Empty,
        },
        Ncpus = 1,
        MemoryMib = 512,
        State = state,
        Generation = new Generation(3),
        Intent = InstanceIntent.Running,
        ActiveVmmId = active,
        ActiveSledId = active is null ? null : Guid.NewGuid(),
        AutoRestartPolicy = AutoRestartPolicy.BestEffort,
        TimeStateUpdated = T,
    };
}
