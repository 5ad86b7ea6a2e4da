using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using Orleans;

namespace ControlPlane.Grains.Sleds.Capacity;

/// <summary>
/// A sled's counters and the VMMs whose take or give is in flight (pure rules; the grain persists the result). Its size
/// follows the reservations in flight, not the VMMs on the sled.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.state.SledLedger")]
public sealed record SledLedger
{
    [Id(0)]
    public int UsedCpus { get; init; }

    [Id(1)]
    public ulong UsedMemoryMib { get; init; }

    /// <summary>Taken, reservation not yet recorded.</summary>
    [Id(2)]
    public ValueList<Guid> Taking { get; init; } = ValueList<Guid>.Empty;

    /// <summary>Given back, release not yet recorded.</summary>
    [Id(3)]
    public ValueList<Guid> Giving { get; init; } = ValueList<Guid>.Empty;

    public SledUsage Usage => new(UsedCpus, UsedMemoryMib);

    /// <summary>Counts the claim if it fits (or is already in flight); the ledger and whether the VMM holds the room.</summary>
    public (SledLedger Ledger, bool Taken) Take(SledCapacityClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (Taking.Contains(claim.VmmId))
        {
            return (this, true);
        }

        var fits = claim.Cpus >= 0 && (long)UsedCpus + claim.Cpus <= claim.SledCpus
            && claim.MemoryMib <= claim.SledMemoryMib && UsedMemoryMib <= claim.SledMemoryMib - claim.MemoryMib;
        return fits
            ? (this with { UsedCpus = UsedCpus + claim.Cpus, UsedMemoryMib = UsedMemoryMib + claim.MemoryMib, Taking = [.. Taking, claim.VmmId] }, true)
            : (this, false);
    }

    public SledLedger Confirm(Guid vmmId) => Taking.Contains(vmmId) ? this with { Taking = [.. Taking.Where(id => id != vmmId)] } : this;

    /// <summary>Uncounts a take still in flight; nothing when the take never happened (or was already cancelled).</summary>
    public SledLedger Cancel(SledCapacityClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Taking.Contains(claim.VmmId) ? Subtract(claim) with { Taking = [.. Taking.Where(id => id != claim.VmmId)] } : this;
    }

    /// <summary>Uncounts a recorded reservation once: a repeated give (its release not yet recorded) changes nothing.</summary>
    public SledLedger Give(SledCapacityClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return Giving.Contains(claim.VmmId)
            ? this
            : Subtract(claim) with { Taking = [.. Taking.Where(id => id != claim.VmmId)], Giving = [.. Giving, claim.VmmId] };
    }

    public SledLedger Forget(Guid vmmId) => Giving.Contains(vmmId) ? this with { Giving = [.. Giving.Where(id => id != vmmId)] } : this;

    private SledLedger Subtract(SledCapacityClaim claim) => this with
    {
        UsedCpus = Math.Max(0, UsedCpus - claim.Cpus),
        UsedMemoryMib = UsedMemoryMib - Math.Min(UsedMemoryMib, claim.MemoryMib),
    };
}
