namespace ControlPlane.Failover.Tests.History;

/// <summary>What a test did, as the history checker sees it.</summary>
public enum OperationKind
{
    Create,
    Start,
    Stop,
    Migrate,
    Delete,
    ReadInstance,
    ReadVmm,
}

/// <summary>How a call ended.</summary>
public enum OutcomeKind
{
    /// <summary>Acknowledged: the call returned.</summary>
    Ok,

    /// <summary>Acknowledged: the instance does not exist (nothing was done).</summary>
    NotFound,

    /// <summary>A domain refusal (conflict, capacity): answered, but it may have changed intent first.</summary>
    Refused,

    /// <summary>No answer (silo gone, timeout, rejection): it may or may not have happened.</summary>
    Unknown,
}

/// <summary>An instance as one acknowledged answer showed it.</summary>
public sealed record InstanceFact(Guid Id, long Generation, Guid? ActiveVmmId, Guid? SledId, Guid? TargetVmmId, Guid? TargetSledId, int Ncpus, ulong MemoryMib, string RunState);

/// <summary>A VMM's Nexus-side record as one acknowledged read showed it; Live = on a sled and not terminal.</summary>
public sealed record VmmFact(Guid VmmId, Guid InstanceId, Guid SledId, long Generation, string State, bool Live);

/// <summary>A sled's usage as the sled inventory reports it.</summary>
public sealed record SledUsage(Guid SledId, int UsedCpus, ulong UsedMemoryMib);

/// <summary>
/// One call: when it started and ended (a monotonic clock, in ticks), what it was about, and what came back.
/// <see cref="Instance"/> is set when an instance came back; <see cref="Vmm"/> when a VMM read came back.
/// </summary>
public sealed record Operation(
    int Worker,
    OperationKind Kind,
    Guid InstanceId,
    long Start,
    long End,
    OutcomeKind Outcome,
    InstanceFact? Instance = null,
    Guid? VmmId = null,
    VmmFact? Vmm = null,
    string? Error = null)
{
    public override string ToString() =>
        $"[w{Worker} {Kind} {InstanceId:N} {Start}..{End} {Outcome}{(Instance is { } i ? $" gen {i.Generation} {i.RunState}" : "")}{(Vmm is { } v ? $" vmm {v.VmmId:N} gen {v.Generation} {v.State}" : "")}{(Error is null ? "" : $" {Error}")}]";
}

/// <summary>The cluster once it is quiet: every instance ever named (null = not found), every VMM ever seen, every sled.</summary>
public sealed record FinalState(
    IReadOnlyDictionary<Guid, InstanceFact?> Instances,
    IReadOnlyDictionary<Guid, VmmFact?> Vmms,
    IReadOnlyList<SledUsage> Sleds);
