namespace ControlPlane.Failover.Tests.History;

/// <summary>
/// Checks a recorded history of calls against what the control plane promises, without any cluster: pure data in,
/// violations out (empty = the history is consistent). "a before b" means a ended before b started (real time), the
/// only order a history of concurrent calls can show. Only acknowledged answers (<see cref="OutcomeKind.Ok"/>,
/// <see cref="OutcomeKind.NotFound"/>) are facts; an unknown outcome may or may not have happened.
/// </summary>
public static class HistoryChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyList<Operation> history, FinalState final)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(final);
        var violations = new List<string>();
        violations.AddRange(LostCreates(history, final));
        violations.AddRange(LostDeletes(history, final));
        violations.AddRange(InstanceGenerations(history));
        violations.AddRange(VmmGenerations(history));
        violations.AddRange(ActiveVmms(final));
        violations.AddRange(SledUsageMatchesReservations(final));
        return violations;
    }

    /// <summary>An acknowledged create stays readable until someone asks to delete the instance.</summary>
    public static IEnumerable<string> LostCreates(IReadOnlyList<Operation> history, FinalState final)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(final);
        foreach (var create in history.Where(o => o.Kind == OperationKind.Create && o.Outcome == OutcomeKind.Ok))
        {
            var deletes = history.Where(o => o.Kind == OperationKind.Delete && o.InstanceId == create.InstanceId).ToList();
            foreach (var later in history.Where(o => o.InstanceId == create.InstanceId && o.Outcome == OutcomeKind.NotFound && o.Start > create.End))
            {
                if (!deletes.Any(d => d.Start < later.End))
                {
                    yield return $"lost create: {create} was acknowledged, then {later} found no such instance (no delete was asked)";
                }
            }

            if (deletes.Count == 0 && final.Instances.TryGetValue(create.InstanceId, out var end) && end is null)
            {
                yield return $"lost create: {create} was acknowledged, but the instance is gone at the end (no delete was asked)";
            }
        }
    }

    /// <summary>An acknowledged delete stays deleted.</summary>
    public static IEnumerable<string> LostDeletes(IReadOnlyList<Operation> history, FinalState final)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(final);
        foreach (var delete in history.Where(o => o.Kind == OperationKind.Delete && o.Outcome == OutcomeKind.Ok))
        {
            foreach (var later in history.Where(o => o.InstanceId == delete.InstanceId && o.Outcome == OutcomeKind.Ok && o.Instance is not null && o.Start > delete.End))
            {
                yield return $"lost delete: {delete} was acknowledged, then {later} returned the instance";
            }

            if (final.Instances.TryGetValue(delete.InstanceId, out var end) && end is not null)
            {
                yield return $"lost delete: {delete} was acknowledged, but the instance exists at the end (gen {end.Generation})";
            }
        }
    }

    /// <summary>An instance's generation never goes backwards between two acknowledged answers in real-time order.</summary>
    public static IEnumerable<string> InstanceGenerations(IReadOnlyList<Operation> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var answers = history.Where(o => o.Outcome == OutcomeKind.Ok && o.Instance is not null);
        foreach (var perInstance in answers.GroupBy(o => o.InstanceId))
        {
            foreach (var (earlier, later) in Backwards(perInstance.ToList(), o => o.Instance!.Generation))
            {
                yield return $"instance generation went backwards: {earlier} then {later}";
            }
        }
    }

    /// <summary>
    /// A VMM's Nexus-side generation never goes backwards (no state applied out of order), and one generation never
    /// carries two different states (no generation applied twice).
    /// </summary>
    public static IEnumerable<string> VmmGenerations(IReadOnlyList<Operation> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var reads = history.Where(o => o.Outcome == OutcomeKind.Ok && o.Vmm is not null);
        foreach (var perVmm in reads.GroupBy(o => o.Vmm!.VmmId))
        {
            var list = perVmm.ToList();
            foreach (var (earlier, later) in Backwards(list, o => o.Vmm!.Generation))
            {
                yield return $"VMM generation went backwards: {earlier} then {later}";
            }

            foreach (var sameGeneration in list.GroupBy(o => o.Vmm!.Generation))
            {
                var states = sameGeneration.Select(o => o.Vmm!.State).Distinct(StringComparer.Ordinal).ToList();
                if (states.Count > 1)
                {
                    yield return $"VMM {perVmm.Key:N} generation {sameGeneration.Key} was applied twice, with states {string.Join(", ", states)}";
                }
            }
        }
    }

    /// <summary>
    /// Once quiet, every live VMM is its instance's active or migration-target VMM, and an instance has at most one live
    /// VMM besides a migration target.
    /// </summary>
    public static IEnumerable<string> ActiveVmms(FinalState final)
    {
        ArgumentNullException.ThrowIfNull(final);
        var live = final.Vmms.Values.OfType<VmmFact>().Where(v => v.Live);
        foreach (var perInstance in live.GroupBy(v => v.InstanceId))
        {
            final.Instances.TryGetValue(perInstance.Key, out var instance);
            var referenced = new HashSet<Guid?> { instance?.ActiveVmmId, instance?.TargetVmmId };
            var strays = perInstance.Where(v => !referenced.Contains(v.VmmId)).ToList();
            if (strays.Count > 0 || perInstance.Count() > (instance?.TargetVmmId is null ? 1 : 2))
            {
                yield return $"instance {perInstance.Key:N} has live VMMs {string.Join(", ", perInstance.Select(v => $"{v.VmmId:N} ({v.State} on {v.SledId:N})"))} " +
                    $"but points at active {instance?.ActiveVmmId:N} and target {instance?.TargetVmmId:N}{(instance is null ? " (the instance does not exist)" : "")}";
            }
        }
    }

    /// <summary>Once quiet, each sled's usage is the sum of the reservations of the live VMMs instances point at on it.</summary>
    public static IEnumerable<string> SledUsageMatchesReservations(FinalState final)
    {
        ArgumentNullException.ThrowIfNull(final);
        var expected = final.Sleds.ToDictionary(s => s.SledId, _ => (Cpus: 0, Memory: 0UL));
        var holders = final.Sleds.ToDictionary(s => s.SledId, _ => new List<string>());
        foreach (var instance in final.Instances.Values.OfType<InstanceFact>())
        {
            foreach (var vmmId in new[] { instance.ActiveVmmId, instance.TargetVmmId })
            {
                if (vmmId is { } id && final.Vmms.TryGetValue(id, out var vmm) && vmm is { Live: true })
                {
                    if (!expected.TryGetValue(vmm.SledId, out var sum))
                    {
                        yield return $"VMM {id:N} of instance {instance.Id:N} is live on sled {vmm.SledId:N}, which the sled inventory does not list";
                        continue;
                    }

                    expected[vmm.SledId] = (sum.Cpus + instance.Ncpus, sum.Memory + instance.MemoryMib);
                    holders[vmm.SledId].Add($"{id:N}");
                }
            }
        }

        foreach (var sled in final.Sleds)
        {
            var (cpus, memory) = expected[sled.SledId];
            if (sled.UsedCpus != cpus || sled.UsedMemoryMib != memory)
            {
                yield return $"sled {sled.SledId:N} reports {sled.UsedCpus} CPUs / {sled.UsedMemoryMib} MiB used, but its live VMMs ({string.Join(", ", holders[sled.SledId])}) reserve {cpus} CPUs / {memory} MiB";
            }
        }
    }

    /// <summary>Pairs (a, b) with a before b in real time and value(b) &lt; value(a); at most one pair per b, with the largest earlier value.</summary>
    private static IEnumerable<(Operation Earlier, Operation Later)> Backwards(List<Operation> operations, Func<Operation, long> value)
    {
        var byEnd = operations.OrderBy(o => o.End).ToList();
        foreach (var later in operations.OrderBy(o => o.Start))
        {
            Operation? highest = null;
            foreach (var earlier in byEnd)
            {
                if (earlier.End >= later.Start)
                {
                    break;
                }

                if (highest is null || value(earlier) > value(highest))
                {
                    highest = earlier;
                }
            }

            if (highest is not null && value(later) < value(highest))
            {
                yield return (highest, later);
            }
        }
    }
}
