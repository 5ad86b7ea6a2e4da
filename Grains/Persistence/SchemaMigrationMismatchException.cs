namespace ControlPlane.Grains.Persistence;

/// <summary>
/// The database's record of applied migrations disagrees with this build (a shipped migration was edited, or a
/// version this build has is missing from its place): the migrator refuses rather than guess which side is right.
/// </summary>
public sealed class SchemaMigrationMismatchException : Exception
{
    public SchemaMigrationMismatchException()
    {
    }

    public SchemaMigrationMismatchException(string message)
        : base(message)
    {
    }

    public SchemaMigrationMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
