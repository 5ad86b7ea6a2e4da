using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// What an instance activation reports to its silo's census (the <c>controlplane.instances</c> gauge): the fields of its
/// record and the last state of its active VMM it saw, kept across reports that carry no fresh view (an activation's end
/// is <see cref="ActivationCensus{T}.Deactivated"/>).
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
}
