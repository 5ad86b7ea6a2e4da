namespace ControlPlane.Grains.Persistence;

/// <summary>A migration that <see cref="PostgresSchemaMigrator"/> applied in this run, for start-up logs and tests.</summary>
/// <param name="Version">The number of the migration file (NNNN).</param>
/// <param name="Name">The rest of the file name, without the extension.</param>
/// <param name="Checksum">SHA-256 (hex) of the file's text as recorded in schema_migrations.</param>
/// <param name="Duration">How long the migration's transaction took.</param>
public sealed record AppliedSchemaMigration(int Version, string Name, string Checksum, TimeSpan Duration);
