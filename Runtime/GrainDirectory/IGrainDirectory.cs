using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.GrainDirectory;

/// <summary>
/// The grain directory that makes single activation strict: one entry per grain, won atomically. The
/// authority for ownership; silos cache its answers and repair the cache on a "not here" rejection.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Prepares the directory (schema migrations for PostgreSQL). Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic step: creates the entry for (<paramref name="silo"/>, <paramref name="activationId"/>) with a new
    /// fencing token, or takes over an existing entry whose silo is Dead or whose lease has expired in the membership
    /// table, or else returns the current owner unchanged. The caller won when the result's ActivationId is its own.
    /// </summary>
    Task<GrainAddress> RegisterAsync(GrainId grainId, SiloAddress silo, Guid activationId, CancellationToken cancellationToken);

    /// <summary>Removes the entry only while it still carries this activation's fencing token; false when it had moved on.</summary>
    Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken);
}
