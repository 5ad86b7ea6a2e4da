using System.Text.Json.Serialization;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>A state Nexus asks a sled to move a VMM to (sled-agent <c>VmmStateRequested</c>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Running), "running")]
[JsonDerivedType(typeof(Stopped), "stopped")]
[JsonDerivedType(typeof(Reboot), "reboot")]
[JsonDerivedType(typeof(MigrationTarget), "migration_target")]
public abstract record VmmStateRequested
{
    private protected VmmStateRequested()
    {
    }

    /// <summary>Run the guest (start it, or leave it running).</summary>
    public sealed record Running : VmmStateRequested;

    /// <summary>Stop the guest; the sled reports <c>stopping</c> at once and forces <c>destroyed</c> after the grace timeout.</summary>
    public sealed record Stopped : VmmStateRequested;

    /// <summary>Reboot the guest: <c>rebooting</c> at once, then back to <c>running</c>.</summary>
    public sealed record Reboot : VmmStateRequested;

    /// <summary>Become the target of a migration from the source VMM (this VMM must be registered with the migration id).</summary>
    public sealed record MigrationTarget(Guid SourceVmmId, Guid SourceSledId) : VmmStateRequested;
}
