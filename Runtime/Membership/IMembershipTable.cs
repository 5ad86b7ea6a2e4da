namespace ControlPlane.Runtime.Membership;

/// <summary>
/// The membership table: one row per silo generation with a lease on the table's own clock (the database clock
/// for PostgreSQL) and a table version that increases on every status change. Every method is one atomic step.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Prepares the table (schema migrations for PostgreSQL). Idempotent; called by every silo at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The version, which changes whenever a row is added or its status changes (cheap to poll).</summary>
    Task<long> ReadVersionAsync(CancellationToken cancellationToken);

    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Adds the row with status Joining and a lease of <paramref name="lease"/> from now on the table's clock. Fails if the address exists.</summary>
    Task JoinAsync(MembershipEntry entry, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease to now + <paramref name="lease"/> on the table's clock; false when the row is Dead, expired or missing (the silo must stop).</summary>
    Task<bool> RenewLeaseAsync(SiloAddress silo, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Moves the row to <paramref name="status"/> unless it is Dead (Dead is final); false when Dead or missing.</summary>
    Task<bool> SetStatusAsync(SiloAddress silo, SiloLifecycleStatus status, CancellationToken cancellationToken);

    /// <summary>Marks Dead every live row whose lease has expired on the table's clock and returns them (any silo may call this).</summary>
    Task<IReadOnlyList<SiloAddress>> DeclareExpiredDeadAsync(CancellationToken cancellationToken);
}
