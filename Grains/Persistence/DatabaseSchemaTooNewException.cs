namespace ControlPlane.Grains.Persistence;

/// <summary>
/// The database carries a migration this build does not know (a newer build migrated it): starting an older silo
/// against it could corrupt data, so the migrator refuses instead.
/// </summary>
public sealed class DatabaseSchemaTooNewException : Exception
{
    public DatabaseSchemaTooNewException()
    {
    }

    public DatabaseSchemaTooNewException(string message)
        : base(message)
    {
    }

    public DatabaseSchemaTooNewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseSchemaTooNewException(int databaseVersion, int knownVersion)
        : base($"The database schema version {databaseVersion} is newer than this build's {knownVersion}: " +
               "upgrade this silo, or point it at a database of its own version.")
    {
        DatabaseVersion = databaseVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The highest migration version recorded in the database.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The highest migration version embedded in this build.</summary>
    public int KnownVersion { get; }
}
