using System.Collections.Concurrent;
using System.Collections.Immutable;
using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.Cluster;

/// <summary>
/// Finds the silo a request should go to: the cached directory entry, else the directory, else placement. Cache
/// entries are hints: they are dropped when their silo dies and replaced when a response or a forward shows the
/// grain elsewhere. The directory stays the authority.
/// </summary>
internal sealed class GrainLocator(IGrainDirectory directory, MembershipAgent membership)
{
    private const int MaxCacheEntries = 100_000;
    private static readonly long UnreachableForMs = 2_000;
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _cache = new();
    private readonly ConcurrentDictionary<SiloAddress, long> _unreachableUntil = new();

    public bool TryGetCached(GrainId grainId, out SiloAddress silo) =>
        _cache.TryGetValue(grainId, out silo) && IsLive(silo);

    public async ValueTask<SiloAddress> LocateAsync(GrainId grainId, GrainClassDescriptor grainClass, SiloAddress self, CancellationToken cancellationToken)
    {
        if (TryGetCached(grainId, out var cached))
        {
            return cached;
        }

        var entry = await directory.LookupAsync(grainId, cancellationToken).ConfigureAwait(false);
        if (entry is not null && IsLive(entry.Silo) && !(entry.Silo == self && !IsActive(self)))
        {
            Remember(grainId, entry.Silo);
            return entry.Silo;
        }

        // Silo-role grains have one home: an unreachable hint must not turn into "no silo has the role" (that needs the
        // membership table's verdict), so they are placed over the view as it is.
        var candidates = grainClass.Placement is SiloRolePlacementAttribute ? membership.ActiveSilos() : PlacementCandidates();
        return PlacementDirector.Choose(grainClass, grainId, candidates, self);
    }

    /// <summary>
    /// A silo that refused a connection is left out of placement for a moment: the view that will call it Dead (or
    /// gone) may not have arrived yet. It is only a hint; the membership table still decides who is dead.
    /// </summary>
    public void MarkUnreachable(SiloAddress silo)
    {
        _unreachableUntil[silo] = Environment.TickCount64 + UnreachableForMs;
        ForgetSilo(silo);
    }

    private System.Collections.Immutable.ImmutableArray<MembershipEntry> PlacementCandidates()
    {
        var active = membership.ActiveSilos();
        if (_unreachableUntil.IsEmpty)
        {
            return active;
        }

        var now = Environment.TickCount64;
        var reachable = active.Where(e => !_unreachableUntil.TryGetValue(e.Address, out var until) || until <= now).ToImmutableArray();
        return reachable.IsEmpty ? active : reachable;
    }

    public void Remember(GrainId grainId, SiloAddress silo)
    {
        if (_cache.Count >= MaxCacheEntries)
        {
            _cache.Clear();
        }

        _cache[grainId] = silo;
    }

    public void Forget(GrainId grainId) => _cache.TryRemove(grainId, out _);

    public void Forget(GrainId grainId, SiloAddress silo) => _cache.TryRemove(KeyValuePair.Create(grainId, silo));

    public void ForgetSilo(SiloAddress silo)
    {
        foreach (var (grainId, cached) in _cache)
        {
            if (cached == silo)
            {
                _cache.TryRemove(KeyValuePair.Create(grainId, cached));
            }
        }
    }

    /// <summary>Live unless this silo's view says Dead; a silo missing from a lagging view is given the benefit of the doubt.</summary>
    private bool IsLive(SiloAddress silo) =>
        membership.View.Find(silo) is not { Status: SiloLifecycleStatus.Dead };

    private bool IsActive(SiloAddress silo) =>
        membership.View.Find(silo) is { Status: SiloLifecycleStatus.Active };
}
