using System.Collections.Concurrent;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// What each grain activation in this process last reported about itself, keyed by grain id: the source of the
/// observable "how many per state" instruments. An activation sets its entry on every change and removes it when it
/// deactivates, so a silo counts exactly the grains it hosts; summing the silos gives the cluster. Thread-safe.
/// </summary>
public sealed class ActivationCensus<T>
{
    private readonly ConcurrentDictionary<Guid, T> _entries = new();

    public void Set(Guid id, T entry) => _entries[id] = entry;

    public void Remove(Guid id) => _entries.TryRemove(id, out _);

    public bool TryGet(Guid id, out T entry) => _entries.TryGetValue(id, out entry!);

    /// <summary>A snapshot of every entry.</summary>
    public IReadOnlyCollection<T> Snapshot() => [.. _entries.Values];
}
