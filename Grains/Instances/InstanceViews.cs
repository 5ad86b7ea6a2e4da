using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>Builds the external view of an instance from its record and active VMM (run state derived here).</summary>
public static class InstanceViews
{
    public static InstanceView ToView(InstanceRecord instance, VmmView? active)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceView
        {
            Id = instance.Id,
            Name = instance.Name,
            RunState = InstanceRunStateDeriver.Derive(instance, active),
            Intent = instance.Intent,
            Ncpus = instance.Ncpus,
            MemoryMib = instance.MemoryMib,
            ActiveVmmId = instance.ActiveVmmId,
            SledId = instance.ActiveSledId,
            TargetVmmId = instance.TargetVmmId,
            TargetSledId = instance.TargetSledId,
            MigrationId = instance.MigrationId,
            Generation = instance.Generation,
            AutoRestartPolicy = instance.AutoRestartPolicy,
            TimeLastAutoRestarted = instance.TimeLastAutoRestarted,
            TimeRunStateUpdated = active is not null && active.TimeUpdated > instance.TimeStateUpdated ? active.TimeUpdated : instance.TimeStateUpdated,
        };
    }
}
