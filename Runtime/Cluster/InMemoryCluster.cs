using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Persistence;

namespace ControlPlane.Runtime.Cluster;

/// <summary>
/// The embedded default backend: membership table, directory and grain store in process memory, with the same
/// rules as the PostgreSQL backend (leases, fenced registration, fenced writes). Silos of one process that share an
/// instance form one cluster, which is how TestCluster runs several silos without a database.
/// </summary>
public sealed class InMemoryCluster
{
    public InMemoryCluster(TimeProvider? clock = null)
    {
        Membership = new InMemoryMembershipTable(clock);
        Directory = new InMemoryGrainDirectory(Membership);
        Storage = new MemoryGrainStorage(Directory);
    }

    public InMemoryMembershipTable Membership { get; }

    public InMemoryGrainDirectory Directory { get; }

    /// <summary>A store whose writes are fenced by <see cref="Directory"/>.</summary>
    public MemoryGrainStorage Storage { get; }
}
