namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// The completion signal of the <c>vmm-apply</c> benchmark: <see cref="SignallingGrainStorage"/> reports every
/// acknowledged write of a Nexus-side VMM record (VMM id, persisted generation, Stopwatch timestamp taken the moment
/// the store acknowledged it), and a waiter learns when a VMM's persisted generation first reached the one it waits for.
/// </summary>
public sealed class AppliedGenerationSignal
{
    /// <summary>
    /// The process-wide signal: TestCluster builds silo configurators from their type, so the in-process silos' stores
    /// and the benchmark meet here (VMM ids are fresh GUIDs, so clusters run one after another never mix).
    /// </summary>
    public static AppliedGenerationSignal Shared { get; } = new();

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, long> persisted = [];
    private readonly Dictionary<Guid, List<(long Generation, TaskCompletionSource<long> Done)>> waiting = [];

    /// <summary>Completes with the Stopwatch timestamp of the first acknowledged write of <paramref name="vmmId"/> at <paramref name="generation"/> or newer.</summary>
    /// <remarks>Register before causing the change: a write acknowledged before the call only counts if it is already newer.</remarks>
    public Task<long> WhenPersisted(Guid vmmId, long generation)
    {
        lock (gate)
        {
            if (persisted.TryGetValue(vmmId, out var stored) && stored >= generation)
            {
                return Task.FromResult(System.Diagnostics.Stopwatch.GetTimestamp());
            }

            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!waiting.TryGetValue(vmmId, out var list))
            {
                waiting[vmmId] = list = [];
            }

            list.Add((generation, done));
            return done.Task;
        }
    }

    /// <summary>Called by the store right after it acknowledged a write of <paramref name="vmmId"/>'s record at <paramref name="generation"/>.</summary>
    public void Persisted(Guid vmmId, long generation, long timestamp)
    {
        List<TaskCompletionSource<long>>? ready = null;
        lock (gate)
        {
            if (!persisted.TryGetValue(vmmId, out var stored) || generation > stored)
            {
                persisted[vmmId] = generation;
            }

            if (waiting.TryGetValue(vmmId, out var list))
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i].Generation <= generation)
                    {
                        (ready ??= []).Add(list[i].Done);
                        list.RemoveAt(i);
                    }
                }
            }
        }

        if (ready is not null)
        {
            foreach (var done in ready)
            {
                done.TrySetResult(timestamp);
            }
        }
    }
}
