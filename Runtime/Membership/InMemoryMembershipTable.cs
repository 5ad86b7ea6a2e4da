using System.Collections.Immutable;

namespace ControlPlane.Runtime.Membership;

/// <summary>
/// The embedded default membership table, shared by the silos of one process (a test double of the database
/// table with the same semantics). Its clock is a <see cref="TimeProvider"/>, so tests can move time.
/// </summary>
public sealed class InMemoryMembershipTable(TimeProvider? clock = null) : IMembershipTable
{
    private readonly object _gate = new();
    private readonly Dictionary<SiloAddress, MembershipEntry> _rows = [];
    private long _version = 1;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_version);
        }
    }

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new MembershipSnapshot(_version, [.. _rows.Values.OrderBy(r => r.JoinedAt)], Clock.GetUtcNow()));
        }
    }

    public Task JoinAsync(MembershipEntry entry, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (_rows.ContainsKey(entry.Address))
            {
                throw new InvalidOperationException($"Silo {entry.Address} is already in the membership table.");
            }

            var now = Clock.GetUtcNow();
            _rows[entry.Address] = entry with { Status = SiloLifecycleStatus.Joining, JoinedAt = now, LeaseExpiresAt = now + lease };
            _version++;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RenewLeaseAsync(SiloAddress silo, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            if (!_rows.TryGetValue(silo, out var row) || !row.IsLive || row.LeaseExpiresAt <= now)
            {
                return Task.FromResult(false);
            }

            _rows[silo] = row with { LeaseExpiresAt = now + lease };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetStatusAsync(SiloAddress silo, SiloLifecycleStatus status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(silo, out var row) || row.Status == SiloLifecycleStatus.Dead)
            {
                return Task.FromResult(false);
            }

            if (row.Status != status)
            {
                _rows[silo] = row with { Status = status };
                _version++;
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<SiloAddress>> DeclareExpiredDeadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            var expired = _rows.Values.Where(r => r.IsLive && r.LeaseExpiresAt <= now).Select(r => r.Address).ToList();
            foreach (var address in expired)
            {
                _rows[address] = _rows[address] with { Status = SiloLifecycleStatus.Dead };
            }

            if (expired.Count > 0)
            {
                _version++;
            }

            return Task.FromResult<IReadOnlyList<SiloAddress>>(expired);
        }
    }

    /// <summary>True when the silo's row is live and its lease has not expired on this table's clock (used by the in-memory directory and store).</summary>
    internal bool HoldsLease(SiloAddress silo)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(silo, out var row) && row.IsLive && row.LeaseExpiresAt > Clock.GetUtcNow();
        }
    }
}
