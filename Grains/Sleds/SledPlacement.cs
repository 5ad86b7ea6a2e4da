using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// Pure sled choice: a sled's view from its usage counters, and the reachable sled with the
/// most free CPUs (then memory, then id for determinism) that fits a request.
/// </summary>
public static class SledPlacement
{
    public static SledView View(HostedSled sled, SledUsage usage, bool reachable)
    {
        ArgumentNullException.ThrowIfNull(sled);
        ArgumentNullException.ThrowIfNull(usage);
        return new SledView
        {
            Id = sled.Sled.Id,
            Cpus = sled.Sled.Cpus,
            MemoryMib = sled.Sled.MemoryMib,
            UsedCpus = usage.UsedCpus,
            UsedMemoryMib = usage.UsedMemoryMib,
            HostingSilo = sled.SiloName,
            Reachable = reachable,
        };
    }

    /// <summary>The sled to reserve on, or the reason none fits.</summary>
    public static (Guid? SledId, string? Refusal) Choose(IReadOnlyList<SledView> sleds, SledReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(sleds);
        ArgumentNullException.ThrowIfNull(request);
        var candidates = sleds
            .Where(s => request.SledId is null || s.Id == request.SledId)
            .Where(s => !request.ExcludedSledIds.Contains(s.Id))
            .ToList();
        if (candidates.Count == 0)
        {
            return (null, request.SledId is { } wanted ? $"sled {wanted} is not available" : "no sled is known");
        }

        var fitting = candidates
            .Where(s => s.Reachable && s.Cpus - s.UsedCpus >= request.Cpus && s.MemoryMib - s.UsedMemoryMib >= request.MemoryMib)
            .OrderByDescending(s => s.Cpus - s.UsedCpus)
            .ThenByDescending(s => s.MemoryMib - s.UsedMemoryMib)
            .ThenBy(s => s.Id)
            .FirstOrDefault();
        return fitting is null
            ? (null, $"no reachable sled has {request.Cpus} CPUs and {request.MemoryMib} MiB free")
            : (fitting.Id, null);
    }
}
