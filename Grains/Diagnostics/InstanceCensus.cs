using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;
using Orleans;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// What an instance activation reports to its silo's census (the <c>controlplane.instances</c> gauge): the fields of its
/// record and the last state of its active VMM it saw, kept across reports that carry no fresh view. An instance collected
/// while idle stays counted where it was (its record did not change); any other deactivation forgets it.
/// </summary>
public static class InstanceCensus
{
    public static void Report(Guid id, InstanceRecord? record, VmmView? active)
    {
        if (record is null)
        {
            return;
        }

        var entry = InstanceCensusEntry.Of(record, active);
        if (entry.ActiveVmmState is null && ControlPlaneMetrics.Instances.TryGet(id, out var previous) && previous.ActiveVmmId == entry.ActiveVmmId)
        {
            entry = entry with { ActiveVmmState = previous.ActiveVmmState };
        }

        ControlPlaneMetrics.Instances.Set(id, entry);
    }

    /// <summary>
    /// An activation ends: collection (idle, or under memory pressure) keeps the entry, as the record did not change;
    /// anything else (shutdown, failure, a move to another silo) drops it.
    /// </summary>
    public static void Deactivated(Guid id, DeactivationReason reason)
    {
        if (reason.ReasonCode is not (DeactivationReasonCode.ActivationIdle or DeactivationReasonCode.HighMemoryPressure))
        {
            ControlPlaneMetrics.Instances.Remove(id);
        }
    }
}
