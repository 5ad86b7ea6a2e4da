namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>Creates the Nexus-side VMM record (state creating, generation 1) before the VMM is registered on its sled.</summary>
public sealed record VmmInitialization
{
    public required Guid InstanceId { get; init; }

    public required Guid SledId { get; init; }

    /// <summary>Set for a migration target: its <c>migration_in</c> side starts pending at generation 1.</summary>
    public Guid? MigrationInId { get; init; }
}
