namespace ControlPlane.Benchmarks.Scale;

/// <summary>One N's figures, a row of the table.</summary>
internal sealed record ScaleRow
{
    public required int N { get; init; }

    public required int Failed { get; init; }

    public required double CreatesPerSecond { get; init; }

    public required double FirstTenthPerSecond { get; init; }

    public required double LastTenthPerSecond { get; init; }

    public required double PostP50 { get; init; }

    public required double PostP99 { get; init; }

    public required double FirstTenthP50 { get; init; }

    public required double LastTenthP50 { get; init; }

    public required double CreateSeconds { get; init; }

    public required double AllRunningSeconds { get; init; }

    public required long RssBytes { get; init; }

    public required double RssPerInstance { get; init; }

    public required double HeapPerInstance { get; init; }

    public required double PageP50 { get; init; }

    public required double PageP99 { get; init; }

    public required bool Paginated { get; init; }

    public required long PageBytes { get; init; }

    public required WatcherFigures Watcher { get; init; }

    /// <summary>After idle collection and a full GC: RSS growth over the run per instance.</summary>
    public required double IdleRssPerInstance { get; init; }

    /// <summary>After idle collection and a full GC: live managed heap growth per instance.</summary>
    public required double IdleHeapPerInstance { get; init; }

    public required double IdleActivationsPerInstance { get; init; }

    /// <summary>After idle collection: pages walked from the start, each activating the instances it lists.</summary>
    public required (double P50, double P99, int Pages) ColdPages { get; init; }

    /// <summary>With <c>--heapdump</c>: the idle Api's live heap per instance by part, a markdown table.</summary>
    public string? HeapBreakdown { get; init; }
}
