using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Vmms;

namespace ControlPlane.Grains.Instances;

/// <summary>The record of a new instance, and how a record is versioned (pure).</summary>
public static class InstanceRecords
{
    /// <summary>A new instance: no VMM, generation 1, intent running when it is to start.</summary>
    public static InstanceRecord New(Guid id, InstanceCreateRequest request, InstanceSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spec);
        return new InstanceRecord
        {
            Id = id,
            Name = request.Name,
            Spec = spec,
            Ncpus = spec.Board.Cpus,
            MemoryMib = spec.Board.MemoryMb,
            State = InstanceNexusState.NoVmm,
            Generation = Generation.Initial,
            Intent = request.Start ? InstanceIntent.Running : InstanceIntent.Stopped,
            AutoRestartPolicy = request.AutoRestartPolicy,
            AutoRestartCooldown = request.AutoRestartCooldown,
            TimeStateUpdated = now,
        };
    }

    /// <summary>
    /// <paramref name="next"/> as it is to be stored after <paramref name="current"/>: a new generation when the instance
    /// itself changed, the same one when only its saga log or releases did (those are bookkeeping, not instance state).
    /// </summary>
    public static InstanceRecord Versioned(InstanceRecord? current, InstanceRecord next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(next);
        var logOnly = current is null || (next with { Saga = null, Releasing = [] }) == (current with { Saga = null, Releasing = [] });
        return logOnly ? next : next.Bump(now);
    }
}
