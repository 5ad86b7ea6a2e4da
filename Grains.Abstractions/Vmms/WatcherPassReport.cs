namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>What one pass of the instance watcher found, by outcome.</summary>
public sealed record WatcherPassReport
{
    public required int Checked { get; init; }

    public required int Applied { get; init; }

    public required int Unchanged { get; init; }

    public required int MarkedFailed { get; init; }

    public required int Inconclusive { get; init; }
}
