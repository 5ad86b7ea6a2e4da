namespace ControlPlane.Runtime.GrainDirectory;

/// <summary>
/// Answers whether a fencing token is still the grain's current one and its silo still holds its lease. The
/// in-memory store asks it before every write; the PostgreSQL store makes the same check inside its write statement.
/// </summary>
public interface IFenceAuthority
{
    bool IsCurrent(GrainId grainId, long fencingToken);
}
