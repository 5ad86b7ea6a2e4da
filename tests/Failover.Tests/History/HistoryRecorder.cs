using System.Collections.Concurrent;
using System.Diagnostics;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Vmms.Nexus;

namespace ControlPlane.Failover.Tests.History;

/// <summary>Runs calls and records each one, with its outcome, in a thread-safe history.</summary>
public sealed class HistoryRecorder
{
    private readonly ConcurrentQueue<Operation> operations = new();
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public IReadOnlyList<Operation> Operations => [.. operations];

    /// <summary>How many calls failed with each exception type.</summary>
    public IReadOnlyDictionary<string, int> Errors => errors;

    public static InstanceFact Fact(InstanceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new InstanceFact(view.Id, view.Generation.Value, view.ActiveVmmId, view.SledId, view.TargetVmmId, view.TargetSledId, view.Ncpus, view.MemoryMib, view.RunState.ToString());
    }

    public static VmmFact Fact(VmmView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new VmmFact(view.VmmId, view.InstanceId, view.SledId, view.Generation.Value, view.State.ToString(), VmmStateMapping.IsLive(view));
    }

    /// <summary>A call that returns the instance; null when it did not answer with one.</summary>
    public async Task<InstanceView?> Instance(int worker, OperationKind kind, Guid instanceId, Func<Task<InstanceView>> call) =>
        (await InstanceOutcome(worker, kind, instanceId, call).ConfigureAwait(false)).View;

    /// <summary>A call that returns the instance, with how it ended.</summary>
    public async Task<(InstanceView? View, OutcomeKind Outcome)> InstanceOutcome(int worker, OperationKind kind, Guid instanceId, Func<Task<InstanceView>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = clock.ElapsedTicks;
        try
        {
            var view = await call().ConfigureAwait(false);
            operations.Enqueue(new Operation(worker, kind, instanceId, start, clock.ElapsedTicks, OutcomeKind.Ok, Fact(view)));
            return (view, OutcomeKind.Ok);
        }
        catch (Exception ex)
        {
            return (null, Failed(worker, kind, instanceId, start, ex));
        }
    }

    /// <summary>A call that returns nothing (delete); true when acknowledged.</summary>
    public async Task<OutcomeKind> Void(int worker, OperationKind kind, Guid instanceId, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = clock.ElapsedTicks;
        try
        {
            await call().ConfigureAwait(false);
            operations.Enqueue(new Operation(worker, kind, instanceId, start, clock.ElapsedTicks, OutcomeKind.Ok));
            return OutcomeKind.Ok;
        }
        catch (Exception ex)
        {
            return Failed(worker, kind, instanceId, start, ex);
        }
    }

    /// <summary>A read of a VMM's Nexus-side record.</summary>
    public async Task<VmmView?> Vmm(int worker, Guid instanceId, Guid vmmId, Func<Task<VmmView?>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var start = clock.ElapsedTicks;
        try
        {
            var view = await call().ConfigureAwait(false);
            operations.Enqueue(new Operation(worker, OperationKind.ReadVmm, instanceId, start, clock.ElapsedTicks, OutcomeKind.Ok, VmmId: vmmId, Vmm: view is null ? null : Fact(view)));
            return view;
        }
        catch (Exception ex)
        {
            Failed(worker, OperationKind.ReadVmm, instanceId, start, ex, vmmId);
            return null;
        }
    }

    private OutcomeKind Failed(int worker, OperationKind kind, Guid instanceId, long start, Exception ex, Guid? vmmId = null)
    {
        var outcome = Outcomes.Classify(ex);
        errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
        operations.Enqueue(new Operation(worker, kind, instanceId, start, clock.ElapsedTicks, outcome, VmmId: vmmId, Error: ex.GetType().Name));
        return outcome;
    }
}
