using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;

namespace ControlPlane.Grains.Instances;

/// <summary>Reads of the VMM records an instance points at: its active VMM, the facts instance-update needs, the migration view.</summary>
internal sealed class InstanceVmmReads(IGrainFactory grains)
{
    public async Task<VmmView?> Active(InstanceRecord record) => record.ActiveVmmId is { } id ? await Vmm(id).Get() : null;

    public async Task<InstanceVmmFacts> Facts(InstanceRecord record)
    {
        var abandoned = new List<VmmView>();
        foreach (var vmm in record.AbandonedVmms)
        {
            if (await Vmm(vmm.VmmId).Get() is { } view)
            {
                abandoned.Add(view);
            }
        }

        return new InstanceVmmFacts
        {
            Active = await Active(record),
            Target = record.TargetVmmId is { } targetId ? await Vmm(targetId).Get() : null,
            Abandoned = [.. abandoned],
        };
    }

    /// <summary>The migration in progress as both sides persisted it; null when there is none (or a side is not known yet).</summary>
    public async Task<MigrationView?> Migration(InstanceRecord? record)
    {
        if (record is not { MigrationId: { } migrationId, TargetVmmId: { } targetVmmId })
        {
            return null;
        }

        var target = await Vmm(targetVmmId).Get();
        VmmView? source = null;
        foreach (var candidate in new[] { record.ActiveVmmId }.Concat(record.AbandonedVmms.Select(a => (Guid?)a.VmmId)))
        {
            if (candidate is { } id && await Vmm(id).Get() is { MigrationOut: { } side } view && side.MigrationId == migrationId)
            {
                source = view;
                break;
            }
        }

        if (source?.MigrationOut is not { } outSide || target?.MigrationIn is not { } inSide)
        {
            return null;
        }

        return new MigrationView
        {
            MigrationId = migrationId,
            SourceVmmId = source.VmmId,
            TargetVmmId = targetVmmId,
            SourceState = outSide.State,
            SourceGen = outSide.Gen,
            TargetState = inSide.State,
            TargetGen = inSide.Gen,
        };
    }

    private IVmmGrain Vmm(Guid vmmId) => grains.GetGrain<IVmmGrain>(vmmId);
}
