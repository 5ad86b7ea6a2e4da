using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Sleds.Reservations;

/// <summary>
/// One VMM's reservation (<see cref="ISledReservationGrain"/>). Reserve: record the chosen sled as in flight, take on that
/// sled's counters (<see cref="ISledCapacityGrain"/>, which refuses what does not fit), record it, confirm. Release:
/// give, forget the record, let the sled forget the give. Each write is this VMM's own row or one sled's counters,
/// so nothing grows with the number of VMMs; a crash between any two steps is finished or undone by the retry.
/// </summary>
public sealed class SledReservationGrain([PersistentState("sled-reservation")] IPersistentState<SledReservationState> state) : Grain, ISledReservationGrain
{
    private Guid VmmId => this.GetPrimaryKey();

    public async Task<Guid> Reserve(SledReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.VmmId != VmmId)
        {
            throw new ArgumentException($"The reservation of VMM {VmmId} was asked for VMM {request.VmmId}.", nameof(request));
        }

        if (state.State.Reservation is { } held)
        {
            if (held.Recorded)
            {
                await Capacity(held.SledId).Confirm(VmmId);
                return held.SledId;
            }

            if (await Capacity(held.SledId).Take(Claim(held)))
            {
                return await Record(held);
            }

            await Write(null); // the take did not happen and will not: choose afresh
        }

        var views = (await GrainFactory.GetGrain<ISledInventoryGrain>(0).List()).ToList();
        if (request.SledId is { } wanted && views.All(v => v.Id != wanted))
        {
            throw new SledNotFoundException($"Sled {wanted} not found.");
        }

        string? refusal = null;
        while (SledPlacement.Choose(views, request) is ({ } chosen, _))
        {
            var sled = views.Single(v => v.Id == chosen);
            var pending = new SledReservationRecord
            {
                SledId = chosen, Cpus = request.Cpus, MemoryMib = request.MemoryMib, Recorded = false,
                SledCpus = sled.Cpus, SledMemoryMib = sled.MemoryMib,
            };
            await Write(pending);
            if (await Capacity(chosen).Take(Claim(pending)))
            {
                return await Record(pending);
            }

            views.Remove(sled); // filled up since it was read: try the next one
            refusal = $"sled {chosen} filled up";
        }

        await Write(null);
        var (_, reason) = SledPlacement.Choose(views, request);
        throw new NoSledCapacityException($"Cannot place VMM {VmmId}: {refusal ?? reason}.");
    }

    public async Task Release()
    {
        if (state.State.Reservation is not { } held)
        {
            return;
        }

        if (held.Recorded)
        {
            await Capacity(held.SledId).Give(Claim(held));
            await Write(null);
            await Capacity(held.SledId).Forget(VmmId);
        }
        else
        {
            await Capacity(held.SledId).Cancel(Claim(held));
            await Write(null);
        }
    }

    private async Task<Guid> Record(SledReservationRecord pending)
    {
        await Write(pending with { Recorded = true });
        await Capacity(pending.SledId).Confirm(VmmId);
        return pending.SledId;
    }

    private SledCapacityClaim Claim(SledReservationRecord record) => new()
    {
        VmmId = VmmId, Cpus = record.Cpus, MemoryMib = record.MemoryMib, SledCpus = record.SledCpus, SledMemoryMib = record.SledMemoryMib,
    };

    private ISledCapacityGrain Capacity(Guid sledId) => GrainFactory.GetGrain<ISledCapacityGrain>(sledId);

    private Task Write(SledReservationRecord? next) =>
        next == state.State.Reservation ? Task.CompletedTask : state.WriteOrDeactivateAsync(new SledReservationState { Reservation = next }, this);
}
