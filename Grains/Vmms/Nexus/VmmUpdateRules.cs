using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Nexus;

/// <summary>
/// Nexus's write rules for one VMM record (brief §4): a sled state is applied part by part, each part only if
/// its generation is strictly newer (equal is a duplicate); a migration side only if it is this VMM's
/// migration; nothing once the record is soft-deleted. Nexus's own writes (failed on evidence, saga unwound)
/// use the stored generation + 1.
/// </summary>
public static class VmmUpdateRules
{
    public static VmmView Create(Guid vmmId, VmmInitialization initialization, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(initialization);
        return new VmmView
        {
            VmmId = vmmId,
            InstanceId = initialization.InstanceId,
            SledId = initialization.SledId,
            State = NexusVmmState.Creating,
            Generation = Generation.Initial,
            TimeUpdated = now,
            MigrationIn = initialization.MigrationInId is { } migrationId ? PendingSide(migrationId, now) : null,
        };
    }

    public static VmmApplyResult Apply(VmmView current, SledVmmState incoming)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);
        if (current.Deleted)
        {
            return Result(current, false, false, false);
        }

        var next = current;
        var vmmUpdated = incoming.VmmState.Gen.IsNewerThan(current.Generation);
        if (vmmUpdated)
        {
            var state = VmmStateMapping.ToNexus(incoming.VmmState.State);
            next = next with
            {
                State = state,
                Generation = incoming.VmmState.Gen,
                TimeUpdated = incoming.VmmState.TimeUpdated,
                FailureReason = state == NexusVmmState.Failed ? VmmFailureReason.FromSledAgent : null,
                FailureMessage = state == NexusVmmState.Failed ? incoming.VmmState.FailureReason : null,
            };
        }

        var inUpdated = IsNewerSide(current.MigrationIn, incoming.MigrationIn);
        if (inUpdated)
        {
            next = next with { MigrationIn = incoming.MigrationIn };
        }

        var outUpdated = IsNewerSide(current.MigrationOut, incoming.MigrationOut);
        if (outUpdated)
        {
            next = next with { MigrationOut = incoming.MigrationOut };
        }

        return Result(next, vmmUpdated, inUpdated, outUpdated);
    }

    /// <summary>Explicit evidence the VMM is gone: failed at generation + 1, migrations untouched. No-op unless on a sled and not terminal.</summary>
    public static VmmApplyResult MarkFailed(VmmView current, VmmFailureReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Deleted || VmmStateMapping.IsTerminal(current.State) || VmmStateMapping.IsNotOnSled(current.State))
        {
            return Result(current, false, false, false);
        }

        var failed = current with
        {
            State = NexusVmmState.Failed,
            Generation = current.Generation.Next(),
            TimeUpdated = now,
            FailureReason = reason,
            FailureMessage = null,
        };
        return Result(failed, true, false, false);
    }

    /// <summary>The start or migrate that created the VMM unwound (no sled owns it any more): saga_unwound at generation + 1.</summary>
    public static VmmView MarkSagaUnwound(VmmView current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.State == NexusVmmState.SagaUnwound)
        {
            return current;
        }

        return current with
        {
            State = NexusVmmState.SagaUnwound,
            Generation = current.Generation.Next(),
            TimeUpdated = now,
            MigrationIn = FailIfOpen(current.MigrationIn, now),
            MigrationOut = FailIfOpen(current.MigrationOut, now),
        };
    }

    /// <summary>This VMM becomes a migration source: its side starts pending at generation 1 (a new id replaces an old side).</summary>
    public static VmmView BeginMigrationOut(VmmView current, Guid migrationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.MigrationOut?.MigrationId == migrationId ? current : current with { MigrationOut = PendingSide(migrationId, now) };
    }

    private static bool IsNewerSide(MigrationRuntimeState? stored, MigrationRuntimeState? incoming) =>
        stored is not null && incoming is not null && stored.MigrationId == incoming.MigrationId && incoming.Gen.IsNewerThan(stored.Gen);

    private static MigrationRuntimeState PendingSide(Guid migrationId, DateTimeOffset now) =>
        new() { MigrationId = migrationId, State = MigrationState.Pending, Gen = Generation.Initial, TimeUpdated = now };

    private static MigrationRuntimeState? FailIfOpen(MigrationRuntimeState? side, DateTimeOffset now) =>
        side is { State: MigrationState.Pending or MigrationState.InProgress }
            ? side with { State = MigrationState.Failed, Gen = side.Gen.Next(), TimeUpdated = now }
            : side;

    private static VmmApplyResult Result(VmmView next, bool vmm, bool migrationIn, bool migrationOut) => new()
    {
        Vmm = next,
        VmmUpdated = vmm,
        MigrationInUpdated = migrationIn,
        MigrationOutUpdated = migrationOut,
        InstanceUpdateNeeded =
            (vmm && VmmStateMapping.IsTerminal(next.State))
            || (migrationIn && VmmStateMapping.IsTerminal(next.MigrationIn!.State))
            || (migrationOut && VmmStateMapping.IsTerminal(next.MigrationOut!.State)),
    };
}
