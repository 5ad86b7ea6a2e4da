using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Instances;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// What an instance activation reports to its silo's census (the <c>controlplane.instances</c> gauge): its record and
/// the last view of its active VMM it saw, kept across reports that carry no fresh view.
/// </summary>
public static class InstanceCensus
{
    public static void Report(Guid id, InstanceRecord? record, VmmView? active)
    {
        if (record is null)
        {
            return;
        }

        if (active is null && ControlPlaneMetrics.Instances.TryGet(id, out var previous) && previous.ActiveVmm?.VmmId == record.ActiveVmmId)
        {
            active = previous.ActiveVmm;
        }

        ControlPlaneMetrics.Instances.Set(id, new InstanceCensusEntry(record, active?.VmmId == record.ActiveVmmId ? active : null));
    }

    public static void Forget(Guid id) => ControlPlaneMetrics.Instances.Remove(id);
}
