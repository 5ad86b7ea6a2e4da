using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ControlPlane.Failover.Tests.History;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Testing;
using Orleans;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// A bounded number of workers that create, start, stop, migrate and delete instances until a deadline, plus a
/// sampler that reads every instance and its VMMs over and over; every call goes into <see cref="History"/>. Each
/// worker holds at most <see cref="MaxInstancesPerWorker"/> instances of 1 CPU, so demand always fits one sled.
/// </summary>
public sealed class Workload(IGrainFactory grains, int workers, int seed)
{
    public const int MaxInstancesPerWorker = 3;

    private static readonly Guid[] Sleds = [TestSleds.A, TestSleds.B];
    private readonly ConcurrentDictionary<Guid, byte> instances = new();
    private readonly ConcurrentDictionary<Guid, Guid> vmms = new(); // VMM -> instance

    public HistoryRecorder History { get; } = new();

    /// <summary>Every instance id a create was attempted for.</summary>
    public IReadOnlyCollection<Guid> InstanceIds => [.. instances.Keys];

    /// <summary>Counts an instance created outside the workers in the final state.</summary>
    public void Adopt(Guid instanceId) => instances[instanceId] = 0;

    public static InstanceCreateRequest Request(string name) => new()
    {
        Name = name,
        Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = name, Ncpus = 1, MemoryMib = 512 }),
        AutoRestartPolicy = AutoRestartPolicy.BestEffort,
    };

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var sampler = Task.Run(() => Sample(stop.Token), CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w, stop.Token), CancellationToken.None)));
        await sampler;
    }

    private async Task Work(int worker, CancellationToken stop)
    {
        var random = new Random(seed * 100 + worker);
        var mine = new List<Guid>();
        var lastSled = new Dictionary<Guid, Guid?>();
        var counter = 0;
        while (!stop.IsCancellationRequested)
        {
            if (mine.Count < MaxInstancesPerWorker && (mine.Count == 0 || random.NextDouble() < 0.25))
            {
                var id = Guid.NewGuid();
                instances[id] = 0;
                mine.Add(id);
                var name = string.Create(CultureInfo.InvariantCulture, $"w{worker}-{counter++}-{id.ToString("N")[..6]}");
                Remember(lastSled, id, await History.Instance(worker, OperationKind.Create, id, () => Instance(id).Create(Request(name))));
            }
            else
            {
                var id = mine[random.Next(mine.Count)];
                switch (random.Next(4))
                {
                    case 0:
                        Remember(lastSled, id, await History.Instance(worker, OperationKind.Start, id, () => Instance(id).Start()));
                        break;
                    case 1:
                        Remember(lastSled, id, await History.Instance(worker, OperationKind.Stop, id, () => Instance(id).Stop()));
                        break;
                    case 2:
                        var from = lastSled.GetValueOrDefault(id);
                        var to = from == TestSleds.A ? TestSleds.B : from == TestSleds.B ? TestSleds.A : Sleds[random.Next(2)];
                        Remember(lastSled, id, await History.Instance(worker, OperationKind.Migrate, id, () => Instance(id).Migrate(new InstanceMigrateRequest { DstSledId = to })));
                        break;
                    default:
                        var outcome = await History.Void(worker, OperationKind.Delete, id, () => Instance(id).Delete());
                        if (outcome is OutcomeKind.Ok or OutcomeKind.NotFound)
                        {
                            mine.Remove(id);
                        }

                        break;
                }
            }

            await Pace(random.Next(20, 120), stop);
        }
    }

    private async Task Sample(CancellationToken stop)
    {
        const int sampler = -1;
        var gone = new ConcurrentDictionary<Guid, byte>();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            // An instance found gone is read again only every tenth round (enough to catch a resurrection).
            var every = round % 10 == 0;
            await Task.WhenAll(InstanceIds.Where(id => every || !gone.ContainsKey(id)).Select(async id =>
            {
                var (view, outcome) = await History.InstanceOutcome(sampler, OperationKind.ReadInstance, id, () => Instance(id).Get());
                if (view is null)
                {
                    if (outcome == OutcomeKind.NotFound)
                    {
                        gone[id] = 0;
                    }

                    return;
                }

                gone.TryRemove(id, out _);

                foreach (var vmmId in new[] { view.ActiveVmmId, view.TargetVmmId }.OfType<Guid>())
                {
                    vmms[vmmId] = id;
                    await History.Vmm(sampler, id, vmmId, () => grains.GetGrain<IVmmGrain>(vmmId).Get());
                }
            }));
            await Pace(150, stop);
        }
    }

    /// <summary>
    /// Reads everything once: every instance ever named, every VMM ever seen (and every VMM the watcher tracks), every
    /// sled. The reads go into the history too.
    /// </summary>
    public async Task<FinalState> ReadFinalState()
    {
        const int reader = -2;
        var finalInstances = new Dictionary<Guid, InstanceFact?>();
        foreach (var id in InstanceIds)
        {
            var (view, outcome) = await History.InstanceOutcome(reader, OperationKind.ReadInstance, id, () => Instance(id).Get());
            if (view is null && outcome != OutcomeKind.NotFound)
            {
                throw new InvalidOperationException($"Instance {id} did not answer while the cluster was quiet.");
            }

            finalInstances[id] = view is null ? null : HistoryRecorder.Fact(view);
            foreach (var vmmId in new[] { view?.ActiveVmmId, view?.TargetVmmId }.OfType<Guid>())
            {
                vmms[vmmId] = id;
            }
        }

        foreach (var vmmId in await grains.GetGrain<IInstanceWatcherShardsGrain>(0).Tracked())
        {
            vmms.TryAdd(vmmId, Guid.Empty);
        }

        var finalVmms = new Dictionary<Guid, VmmFact?>();
        foreach (var (vmmId, instanceId) in vmms)
        {
            var view = await grains.GetGrain<IVmmGrain>(vmmId).Get();
            finalVmms[vmmId] = view is null ? null : HistoryRecorder.Fact(view);
        }

        var sleds = await grains.GetGrain<Grains.Abstractions.Sleds.ISledInventoryGrain>(0).List();
        return new FinalState(finalInstances, finalVmms, [.. sleds.Select(s => new SledUsage(s.Id, s.UsedCpus, s.UsedMemoryMib))]);
    }

    /// <summary>Null when every instance is at rest (running, stopped or failed; no migration); else what is not.</summary>
    public static string? NotAtRest(FinalState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var moving = state.Instances.Values.OfType<InstanceFact>()
            .Where(i => i.RunState is not ("Running" or "Stopped" or "Failed") || i.TargetVmmId is not null)
            .Select(i => $"{i} with active {Vmm(i.ActiveVmmId)} and target {Vmm(i.TargetVmmId)}")
            .ToList();
        return moving.Count == 0 ? null : $"not at rest: {string.Join("; ", moving)}";

        string Vmm(Guid? id) => id is { } vmmId ? state.Vmms.TryGetValue(vmmId, out var fact) ? $"{fact}" : $"{vmmId:N} (unread)" : "none";
    }

    /// <summary>A canonical text of a final state, to tell two reads apart.</summary>
    public static string Describe(FinalState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = new StringBuilder();
        foreach (var (id, fact) in state.Instances.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"I {id:N} {fact}\n");
        }

        foreach (var (id, fact) in state.Vmms.OrderBy(p => p.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"V {id:N} {fact}\n");
        }

        foreach (var sled in state.Sleds.OrderBy(s => s.SledId))
        {
            text.Append(CultureInfo.InvariantCulture, $"S {sled}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads the final state until the cluster is at rest and two reads in a row agree.</summary>
    public async Task<FinalState> UntilQuiet()
    {
        FinalState? previous = null;
        FinalState? current = null;
        await Poll.Until(
            async () =>
            {
                current = await ReadFinalState();
                var settled = NotAtRest(current) is null && previous is not null && Describe(previous) == Describe(current);
                previous = current;
                return settled;
            },
            "quiet (every instance at rest, two reads alike)",
            () => current is null ? "no complete read" : NotAtRest(current) ?? Describe(current));
        return current!;
    }

    /// <summary>Calls and outcomes per kind, and failures per exception type: printed by the tests.</summary>
    public string Summary()
    {
        var operations = History.Operations;
        var byKind = operations.GroupBy(o => (o.Kind, o.Outcome)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Outcome)
            .Select(g => $"{g.Key.Kind}/{g.Key.Outcome}={g.Count()}");
        var errors = History.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}={e.Value}");
        return $"{operations.Count} calls, {InstanceIds.Count} instances: {string.Join(" ", byKind)}; errors: {string.Join(" ", errors)}";
    }

    /// <summary>Checks the history against <paramref name="final"/>; on violations writes the whole history to a temporary file and fails naming it.</summary>
    public void AssertConsistent(FinalState final, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var operations = History.Operations;
        var violations = HistoryChecker.Check(operations, final);
        if (violations.Count == 0)
        {
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"failover-history-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, operations.OrderBy(o => o.Start).Select(o => o.ToString()).Concat(["", Describe(final)]));
        log($"history written to {path}");
        throw new Xunit.Sdk.XunitException($"{violations.Count} violations (history in {path}):\n{string.Join('\n', violations.Take(30))}");
    }

    private IInstanceGrain Instance(Guid id) => grains.GetGrain<IInstanceGrain>(id);

    private static void Remember(Dictionary<Guid, Guid?> lastSled, Guid id, InstanceView? view)
    {
        if (view is not null)
        {
            lastSled[id] = view.SledId;
        }
    }

    /// <summary>Spaces calls out (load shaping, not a wait for a condition).</summary>
    private static async Task Pace(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
