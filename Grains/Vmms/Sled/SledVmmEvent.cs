using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Vmms.Sled;

/// <summary>Something that happens to a simulated VMM: a request from Nexus, a Propolis observation, a timer, a fault.</summary>
public abstract record SledVmmEvent
{
    private protected SledVmmEvent()
    {
    }

    /// <summary>Nexus asked for a state (put_state).</summary>
    public sealed record Requested(VmmStateRequested State) : SledVmmEvent;

    public sealed record BootCompleted : SledVmmEvent;

    /// <summary>Propolis reports Stopped (the sled maps it to stopping); rundown follows.</summary>
    public sealed record PropolisStopped : SledVmmEvent;

    /// <summary>The process is gone and resources released: destroyed.</summary>
    public sealed record RundownCompleted : SledVmmEvent;

    /// <summary>The stop grace timeout expired: the sled forces destroyed.</summary>
    public sealed record StopGraceExpired : SledVmmEvent;

    public sealed record RebootCompleted : SledVmmEvent;

    /// <summary>On the target: the migration finished (successfully unless a fault says otherwise).</summary>
    public sealed record MigrationInFinished : SledVmmEvent;

    /// <summary>On the source: a target (at <paramref name="Target"/>, when known) started pulling state for this migration.</summary>
    public sealed record MigrationOutStarted(Guid MigrationId, SledVmmAddress? Target = null) : SledVmmEvent;

    /// <summary>On the source: time to look at the migration's target again.</summary>
    public sealed record MigrationTargetCheckDue(Guid MigrationId) : SledVmmEvent;

    /// <summary>On the source: what its target's migration-in side was when looked at (null: the target is gone).</summary>
    public sealed record MigrationTargetObserved(Guid MigrationId, MigrationState? TargetSide) : SledVmmEvent;

    /// <summary>On the source: the target reports how the migration ended.</summary>
    public sealed record MigrationOutFinished(Guid MigrationId, bool Succeeded) : SledVmmEvent;

    /// <summary>The Propolis process died.</summary>
    public sealed record Crashed(string Reason) : SledVmmEvent;

    /// <summary>The guest powered itself off.</summary>
    public sealed record GuestShutdown : SledVmmEvent;
}
