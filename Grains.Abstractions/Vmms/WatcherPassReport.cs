using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>What one pass of the instance watcher found, by outcome.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.vmms.WatcherPassReport")]
public sealed record WatcherPassReport
{
    [Id(0)]
    public required int Checked { get; init; }

    [Id(1)]
    public required int Applied { get; init; }

    [Id(2)]
    public required int Unchanged { get; init; }

    [Id(3)]
    public required int MarkedFailed { get; init; }

    [Id(4)]
    public required int Inconclusive { get; init; }
}
