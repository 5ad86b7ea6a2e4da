using System.Globalization;
using System.Text.RegularExpressions;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// Pure: a <c>dumpheap -stat</c> report (dotnet-dump) summed into the parts an idle instance's bytes go to, by type name.
/// The first matching category takes a type; what none matches is "other", with its largest types named.
/// </summary>
public static partial class HeapCategories
{
    private static readonly (string Name, Regex Types)[] Categories =
    [
        ("Orleans activations: ActivationData, its scheduler, message loop, lifecycle, DI scope, locks, the grain object and its persistent-state wrapper",
            new(@"Orleans\.Runtime\.ActivationData|WorkItemGroup|ActivationTaskScheduler|RunMessageLoop|Orleans\.Runtime\.Message\b|SingleWaiterAutoResetEvent|^System\.Collections\.Generic\.Queue<System\.Threading\.Tasks\.Task>|^System\.Threading\.Tasks\.Task\[\]$|GrainLifecycle|LifecycleSubject|IGrainMigrationParticipant|ServiceProviderEngineScope|ServiceCacheKey, System\.Object|^System\.Threading\.Lock$|ActivationCollector|IActivationWorkingSetMember|GrainId, Orleans\.Runtime\.IGrainContext|Orleans\.Runtime\.PersistentState<|Orleans\.GrainState<|^System\.Collections\.Generic\.Dictionary<System\.Object, System\.Object>|^ControlPlane\.Grains\.[A-Za-z.]*Grain$|^System\.Object$|^System\.Action$|HashSet<Orleans\.Runtime\.IGrainTimer>|^System\.Int32\[\]$", RegexOptions.CultureInvariant)),
        ("Orleans grain directory and its cache (GrainAddress, LRU entries)", new(@"GrainAddress|ConcurrentLruCache", RegexOptions.CultureInvariant)),
        ("grain timers (GrainTimer, its TimerQueueTimer and CancellationTokenSource)", new(@"GrainTimer|TimerQueueTimer|SystemTimeProviderTimer|CancellationTokenSource|TimerTickInvoker|^System\.Func<System\.Threading\.CancellationToken", RegexOptions.CultureInvariant)),
        ("in-memory grain storage (each state serialized) and other byte arrays", new(@"^System\.Byte\[\]$", RegexOptions.CultureInvariant)),
        ("the control plane's state objects (records, specs, views) and strings", new(@"^ControlPlane\.|ImmutableSortedDictionary|^System\.String$", RegexOptions.CultureInvariant)),
        ("censuses, registry chunks and watcher sets (per-id entries)", new(@"<System\.Guid|System\.Guid\[\]", RegexOptions.CultureInvariant)),
    ];

    /// <summary>Bytes per instance by category (in the order above, then "other" and the total), and the largest "other" types.</summary>
    public static (IReadOnlyList<(string Category, double BytesPerInstance)> Rows, IReadOnlyList<(string Type, long Bytes)> LargestOther) Summarize(string dumpheapStat, int instances)
    {
        ArgumentNullException.ThrowIfNull(dumpheapStat);
        var totals = new long[Categories.Length + 1];
        var other = new List<(string, long)>();
        foreach (Match line in StatLine().Matches(dumpheapStat))
        {
            var bytes = long.Parse(line.Groups["size"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var type = line.Groups["type"].Value.Trim();
            var at = Array.FindIndex(Categories, c => c.Types.IsMatch(type));
            totals[at < 0 ? Categories.Length : at] += bytes;
            if (at < 0)
            {
                other.Add((type, bytes));
            }
        }

        var rows = Categories.Select((c, i) => (c.Name, totals[i] / (double)instances)).ToList();
        rows.Add(("other", totals[^1] / (double)instances));
        rows.Add(("total live heap", totals.Sum() / (double)instances));
        return (rows, [.. other.OrderByDescending(o => o.Item2).Take(8)]);
    }

    [GeneratedRegex(@"^\s*[0-9a-f]{8,}\s+[\d,]+\s+(?<size>[\d,]+)\s+(?<type>\S.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex StatLine();
}
