using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace ControlPlane.Api.Tests.Support;

/// <summary>An in-memory OpenTelemetry span exporter: every finished span the gateway's tracer provider exports.</summary>
public sealed class CollectedSpans : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> All => [.. _spans];

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            _spans.Enqueue(activity);
        }

        return ExportResult.Success;
    }

    /// <summary>Polls until <paramref name="find"/> returns a value; the deadline bounds liveness, it is not a timing assertion.</summary>
    public async Task<T> UntilAsync<T>(Func<IReadOnlyList<Activity>, T?> find, string what)
        where T : class
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (find(All) is { } found)
            {
                return found;
            }

            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Never exported: {what}. Spans: {string.Join(", ", All.Select(Describe))}");
            }
        }
    }

    /// <summary>The span's name with its Orleans RPC method, for messages.</summary>
    public static string Describe(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return $"{span.Source.Name}:{span.DisplayName}[{span.Kind}]";
    }
}
