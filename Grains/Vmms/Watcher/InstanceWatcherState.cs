using Orleans;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>The persisted set of VMMs the watcher checks.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.InstanceWatcherState")]
public sealed record InstanceWatcherState
{
    [Id(0)]
    public ValueList<Guid> Vmms { get; init; } = ValueList<Guid>.Empty;
}
