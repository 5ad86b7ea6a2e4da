using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>The persisted set of VMMs the watcher checks.</summary>
public sealed record InstanceWatcherState
{
    public ValueList<Guid> Vmms { get; init; } = ValueList<Guid>.Empty;
}
