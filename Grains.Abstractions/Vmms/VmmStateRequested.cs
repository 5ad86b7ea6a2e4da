using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>A state Nexus asks a sled to move a VMM to (sled-agent <c>VmmStateRequested</c>).</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmStateRequested")]
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
    [GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmStateRequested.Running")]
    public sealed record Running : VmmStateRequested;

    /// <summary>Stop the guest; the sled reports <c>stopping</c> at once and forces <c>destroyed</c> after the grace timeout.</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmStateRequested.Stopped")]
    public sealed record Stopped : VmmStateRequested;

    /// <summary>Reboot the guest: <c>rebooting</c> at once, then back to <c>running</c>.</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmStateRequested.Reboot")]
    public sealed record Reboot : VmmStateRequested;

    /// <summary>Become the target of a migration from the source VMM (this VMM must be registered with the migration id).</summary>
    [GenerateSerializer, Immutable, Alias("controlplane.vmms.VmmStateRequested.MigrationTarget")]
    public sealed record MigrationTarget([property: Id(0)] Guid SourceVmmId, [property: Id(1)] Guid SourceSledId) : VmmStateRequested;
}
