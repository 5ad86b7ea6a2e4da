using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms.Nexus;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The instance-update rules (brief §5) as a pure function: reconcile the instance record with VMM and
/// migration facts that have already happened. Migration outcomes first (a failed side clears the
/// migration; a completed side moves the instance to the target, and only the target's completion clears
/// the migration), then a terminal active VMM unlinks it (failed makes the instance failed; a guest that
/// stopped itself turns intent running into guest_shutdown), then a terminal target is unlinked.
/// </summary>
public static class InstanceUpdatePlanner
{
    public static InstanceUpdatePlan Plan(InstanceRecord instance, InstanceVmmFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(facts);
        var next = instance;
        var releases = new List<VmmRelease>();
        var abandoned = new List<AbandonedVmm>(instance.AbandonedVmms);
        var active = facts.Active;
        var target = facts.Target;

        if (next.State == InstanceNexusState.Vmm && next.MigrationId is { } migrationId)
        {
            var sourceSide = SourceSide(migrationId, facts);
            var targetSide = target?.MigrationIn is { } inSide && inSide.MigrationId == migrationId ? inSide : null;
            if (sourceSide?.State == MigrationState.Failed || targetSide?.State == MigrationState.Failed)
            {
                // Either side failed: the migration is over and the instance stays on (or dies with) its source.
                if (next.TargetVmmId is { } targetVmmId && next.TargetSledId is { } targetSledId && targetVmmId != next.ActiveVmmId)
                {
                    releases.Add(new VmmRelease(targetVmmId, targetSledId, Unregister: target is null || IsOnSled(target)));
                }

                next = next with { MigrationId = null, TargetVmmId = null, TargetSledId = null };
                target = null;
            }
            else if (sourceSide?.State == MigrationState.Completed || targetSide?.State == MigrationState.Completed)
            {
                if (next.TargetVmmId is { } targetVmmId && next.ActiveVmmId != targetVmmId)
                {
                    if (next.ActiveVmmId is { } sourceVmmId && next.ActiveSledId is { } sourceSledId)
                    {
                        abandoned.Add(new AbandonedVmm(sourceVmmId, sourceSledId));
                    }

                    next = next with { ActiveVmmId = targetVmmId, ActiveSledId = next.TargetSledId };
                    active = target;
                }

                if (targetSide?.State == MigrationState.Completed)
                {
                    next = next with { MigrationId = null, TargetVmmId = null, TargetSledId = null };
                    target = null;
                }
            }
        }

        if (next.State == InstanceNexusState.Vmm && active is not null && VmmStateMapping.IsTerminal(active.State))
        {
            releases.Add(new VmmRelease(active.VmmId, active.SledId, Unregister: false));
            var failed = active.State == NexusVmmState.Failed;
            var intent = !failed && next.Intent == InstanceIntent.Running && next.MigrationId is null ? InstanceIntent.GuestShutdown : next.Intent;
            if (next.TargetVmmId is { } orphan && next.TargetSledId is { } orphanSled && orphan != active.VmmId)
            {
                releases.Add(new VmmRelease(orphan, orphanSled, Unregister: target is null || IsOnSled(target)));
            }

            next = next with
            {
                State = failed ? InstanceNexusState.Failed : InstanceNexusState.NoVmm,
                Intent = intent,
                ActiveVmmId = null,
                ActiveSledId = null,
                TargetVmmId = null,
                TargetSledId = null,
                MigrationId = null,
            };
            target = null;
        }

        if (target is not null && next.TargetVmmId == target.VmmId && (VmmStateMapping.IsTerminal(target.State) || target.State == NexusVmmState.SagaUnwound))
        {
            releases.Add(new VmmRelease(target.VmmId, target.SledId, Unregister: false));
            next = next with { TargetVmmId = null, TargetSledId = null };
        }

        // Reap abandoned former sources once they are destroyable (or gone).
        foreach (var vmm in abandoned.ToList())
        {
            var view = facts.Abandoned.FirstOrDefault(v => v.VmmId == vmm.VmmId) ?? (facts.Active?.VmmId == vmm.VmmId ? facts.Active : null);
            if (view is null || view.Deleted || VmmStateMapping.IsTerminal(view.State) || view.State == NexusVmmState.SagaUnwound)
            {
                releases.Add(new VmmRelease(vmm.VmmId, vmm.SledId, Unregister: false));
                abandoned.Remove(vmm);
            }
        }

        next = next with { AbandonedVmms = [.. abandoned] };
        var changed = next != instance;
        return new InstanceUpdatePlan
        {
            Instance = changed ? next.Bump(now) : instance,
            Changed = changed,
            Releases = [.. releases.DistinctBy(r => r.VmmId)],
        };
    }

    private static MigrationRuntimeState? SourceSide(Guid migrationId, InstanceVmmFacts facts)
    {
        if (facts.Active?.MigrationOut is { } activeSide && activeSide.MigrationId == migrationId)
        {
            return activeSide;
        }

        return facts.Abandoned.Select(v => v.MigrationOut).FirstOrDefault(side => side?.MigrationId == migrationId);
    }

    private static bool IsOnSled(VmmView vmm) => !VmmStateMapping.IsTerminal(vmm.State) && !VmmStateMapping.IsNotOnSled(vmm.State);
}
