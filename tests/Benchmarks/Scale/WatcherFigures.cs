namespace ControlPlane.Benchmarks.Scale;

/// <summary>The watcher's shard passes over the window after all ran.</summary>
internal sealed record WatcherFigures
{
    public required double Passes { get; init; }

    public required double Checked { get; init; }

    public required double MeanPassMs { get; init; }

    public required double P99PassUpperBoundMs { get; init; }

    public required double WindowSeconds { get; init; }
}
