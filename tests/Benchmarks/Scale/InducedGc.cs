using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// A full, blocking GC induced in another .NET process through its diagnostics port (an EventPipe session asking for the
/// runtime's GC-heap-collect keyword, as dotnet-gcdump does, without the heap walk), so its heap and RSS read as live data.
/// </summary>
public static class InducedGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Induces the GC and returns once <paramref name="gen2Collections"/> has grown (the GC ran), or after a minute.</summary>
    public static async Task CollectAsync(int processId, Func<Task<double>> gen2Collections)
    {
        ArgumentNullException.ThrowIfNull(gen2Collections);
        var before = await gen2Collections();
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
            requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await gen2Collections() <= before && !timeout.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        await session.StopAsync(CancellationToken.None);
        await drain;
        if (timeout.IsCancellationRequested)
        {
            Console.Error.WriteLine("induced GC: no gen2 collection was counted within a minute; the figures after it hold garbage");
        }
    }
}
