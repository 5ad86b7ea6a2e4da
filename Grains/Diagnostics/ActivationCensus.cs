using System.Collections.Concurrent;
using Orleans;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// What each grain activation in this process last reported about itself, keyed by grain id: the source of the
/// observable "how many per state" instruments. An activation sets its entry on every change and reports its
/// deactivation (<see cref="Deactivated"/>): collection keeps the entry (the grain's state did not change and it is
/// still this silo's to count), anything else drops it, so a silo counts the grains it hosts or last hosted; summing the
/// silos gives the cluster. Thread-safe.
/// </summary>
public sealed class ActivationCensus<T>
{
    private readonly ConcurrentDictionary<Guid, T> _entries = new();

    public void Set(Guid id, T entry) => _entries[id] = entry;

    public void Remove(Guid id) => _entries.TryRemove(id, out _);

    /// <summary>An activation ends: collected (idle, or under memory pressure) it stays counted; a shutdown, failure or move drops it.</summary>
    public void Deactivated(Guid id, DeactivationReason reason)
    {
        if (reason.ReasonCode is not (DeactivationReasonCode.ActivationIdle or DeactivationReasonCode.HighMemoryPressure))
        {
            Remove(id);
        }
    }

    public bool TryGet(Guid id, out T entry) => _entries.TryGetValue(id, out entry!);

    /// <summary>A snapshot of every entry.</summary>
    public IReadOnlyCollection<T> Snapshot() => [.. _entries.Values];
}
