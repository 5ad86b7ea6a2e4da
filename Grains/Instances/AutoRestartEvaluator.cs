using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>
/// Whether a failed instance is restarted automatically (brief §10): policy best_effort, intent running, the
/// instance failed (or its start unwound), and the cooldown has elapsed since the last automatic restart.
/// </summary>
public static class AutoRestartEvaluator
{
    public static bool ShouldRestart(InstanceRecord instance, VmmView? activeVmm, DateTimeOffset now, TimeSpan defaultCooldown)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.AutoRestartPolicy != AutoRestartPolicy.BestEffort || instance.Intent != InstanceIntent.Running)
        {
            return false;
        }

        var failed = instance.State == InstanceNexusState.Failed
            || (instance.State == InstanceNexusState.Vmm && activeVmm?.State == NexusVmmState.SagaUnwound);
        if (!failed)
        {
            return false;
        }

        return CooldownElapsed(instance, now, defaultCooldown);
    }

    public static bool CooldownElapsed(InstanceRecord instance, DateTimeOffset now, TimeSpan defaultCooldown)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.TimeLastAutoRestarted is not { } last || now - last >= (instance.AutoRestartCooldown ?? defaultCooldown);
    }

    /// <summary>How long until a failed best-effort instance that is cooling down should be looked at again; null when it is not cooling down.</summary>
    public static TimeSpan? CooldownRemaining(InstanceRecord instance, DateTimeOffset now, TimeSpan defaultCooldown)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance is { AutoRestartPolicy: AutoRestartPolicy.BestEffort, Intent: InstanceIntent.Running, State: InstanceNexusState.Failed, TimeLastAutoRestarted: { } last }
            ? TimeSpan.FromTicks(Math.Max(0, (last + (instance.AutoRestartCooldown ?? defaultCooldown) - now).Ticks))
            : null;
    }
}
