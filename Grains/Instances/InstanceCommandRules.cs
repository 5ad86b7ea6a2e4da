using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// The preconditions of the lifecycle operations (brief §7), pure: given the record and its active VMM,
/// decide whether to proceed, succeed idempotently, or refuse with 409/400/404.
/// </summary>
public static class InstanceCommandRules
{
    public static InstanceCommandDecision Start(InstanceRecord instance, VmmView? active) => InstanceRunStateDeriver.Derive(instance, active) switch
    {
        InstanceRunState.Destroyed => new(InstanceCommandAction.NotFound),
        InstanceRunState.Stopped or InstanceRunState.Failed => new(InstanceCommandAction.Proceed),
        InstanceRunState.Starting or InstanceRunState.Running or InstanceRunState.Rebooting or InstanceRunState.Migrating => new(InstanceCommandAction.AlreadyDone),
        var state => new(InstanceCommandAction.Conflict, $"an instance that is {Name(state)} cannot be started until it has stopped"),
    };

    public static InstanceCommandDecision Stop(InstanceRecord instance, VmmView? active)
    {
        var runState = InstanceRunStateDeriver.Derive(instance, active);
        return runState switch
        {
            InstanceRunState.Destroyed => new(InstanceCommandAction.NotFound),
            InstanceRunState.Creating => new(InstanceCommandAction.Conflict, "the instance is still being created"),
            InstanceRunState.Stopped => new(InstanceCommandAction.AlreadyDone),
            InstanceRunState.Failed => new(InstanceCommandAction.RecordOnly),
            InstanceRunState.Stopping => new(InstanceCommandAction.AlreadyDone),
            _ => new(InstanceCommandAction.Proceed),
        };
    }

    public static InstanceCommandDecision Reboot(InstanceRecord instance, VmmView? active)
    {
        var runState = InstanceRunStateDeriver.Derive(instance, active);
        if (runState == InstanceRunState.Destroyed)
        {
            return new(InstanceCommandAction.NotFound);
        }

        if (instance.State != InstanceNexusState.Vmm || active is null)
        {
            return new(InstanceCommandAction.Invalid, "the instance has no VMM to reboot");
        }

        return runState is InstanceRunState.Running or InstanceRunState.Rebooting
            ? new(InstanceCommandAction.Proceed)
            : new(InstanceCommandAction.Conflict, $"only a running instance can be rebooted");
    }

    public static InstanceCommandDecision Migrate(InstanceRecord instance, VmmView? active, Guid dstSledId)
    {
        var runState = InstanceRunStateDeriver.Derive(instance, active);
        if (runState == InstanceRunState.Destroyed)
        {
            return new(InstanceCommandAction.NotFound);
        }

        if (instance.State != InstanceNexusState.Vmm || active is null)
        {
            return new(InstanceCommandAction.Invalid, "the instance has no VMM to migrate");
        }

        if (instance.MigrationId is not null)
        {
            return new(InstanceCommandAction.Conflict, "a migration is already in progress");
        }

        if (active.State != NexusVmmState.Running)
        {
            return new(InstanceCommandAction.Conflict, "only a running VMM can migrate");
        }

        return instance.ActiveSledId == dstSledId
            ? new(InstanceCommandAction.Invalid, "the instance already runs on that sled")
            : new(InstanceCommandAction.Proceed);
    }

    public static InstanceCommandDecision Delete(InstanceRecord instance, VmmView? active) => InstanceRunStateDeriver.Derive(instance, active) switch
    {
        InstanceRunState.Destroyed => new(InstanceCommandAction.NotFound),
        InstanceRunState.Stopped or InstanceRunState.Failed => new(InstanceCommandAction.Proceed),
        var state => new(InstanceCommandAction.Conflict, $"an instance that is {Name(state)} must be stopped first"),
    };

    /// <summary>Throws the typed refusal <paramref name="decision"/> stands for (404, 409, 400); returns when it is not one.</summary>
    public static void Enforce(InstanceCommandDecision decision, InstanceOperation operation, InstanceRecord instance, VmmView? active)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(instance);
        switch (decision.Action)
        {
            case InstanceCommandAction.NotFound:
                throw new InstanceNotFoundException(instance.Id);
            case InstanceCommandAction.Conflict:
                throw new InstanceTransitionNotAllowedException(instance.Id, operation, InstanceRunStateDeriver.Derive(instance, active), decision.Detail);
            case InstanceCommandAction.Invalid:
                throw new InvalidInstanceRequestException($"Cannot {operation.ToString().ToLowerInvariant()} instance {instance.Id}: {decision.Detail}.");
        }
    }

    private static string Name(InstanceRunState state) => state.ToString().ToLowerInvariant();
}
