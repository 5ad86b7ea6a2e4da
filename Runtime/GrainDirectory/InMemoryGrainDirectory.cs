using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.GrainDirectory;

/// <summary>
/// The embedded default directory, shared by the silos of one process over an <see cref="InMemoryMembershipTable"/>:
/// the same first-writer-wins, take-over-the-dead and fencing rules as the PostgreSQL directory.
/// </summary>
public sealed class InMemoryGrainDirectory(InMemoryMembershipTable membership) : IGrainDirectory, IFenceAuthority
{
    private readonly object _gate = new();
    private readonly Dictionary<GrainId, GrainAddress> _entries = [];
    private long _nextFence;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(grainId));
        }
    }

    public Task<GrainAddress> RegisterAsync(GrainId grainId, SiloAddress silo, Guid activationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(grainId, out var current) && membership.HoldsLease(current.Silo))
            {
                return Task.FromResult(current);
            }

            var won = new GrainAddress(grainId, silo, activationId, ++_nextFence);
            _entries[grainId] = won;
            return Task.FromResult(won);
        }
    }

    public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            if (_entries.TryGetValue(address.GrainId, out var current) && current.FencingToken == address.FencingToken)
            {
                _entries.Remove(address.GrainId);
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public bool IsCurrent(GrainId grainId, long fencingToken)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(grainId, out var current)
                && current.FencingToken == fencingToken
                && membership.HoldsLease(current.Silo);
        }
    }
}
