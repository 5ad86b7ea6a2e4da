namespace ControlPlane.Grains.Persistence;

/// <summary>What one <see cref="PostgresSchemaMigrator.MigrateAsync"/> run did: empty when the database was up to date.</summary>
/// <param name="SchemaVersion">The database's schema version after the run (the highest applied migration; 0 if none).</param>
/// <param name="Applied">The migrations this run applied, in order.</param>
public sealed record SchemaMigrationResult(int SchemaVersion, IReadOnlyList<AppliedSchemaMigration> Applied);
