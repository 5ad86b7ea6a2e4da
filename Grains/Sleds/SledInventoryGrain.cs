using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Persistence;
using Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// The sled inventory: a thin shell over <see cref="SledPlacement"/> that persists announced sleds and
/// reservations. A sled is reachable while the silo that announced it is Active in this silo's membership view.
/// </summary>
public sealed class SledInventoryGrain([PersistentState("sled-inventory")] IPersistentState<SledInventoryState> state) : Grain, ISledInventoryGrain
{
    public async Task Announce(SledAnnouncement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var announced = announcement.Sleds.Select(s => new HostedSled(s, announcement.SiloName)).ToList();
        var kept = state.State.Sleds.Where(h => announced.All(a => a.Sled.Id != h.Sled.Id));
        var next = state.State with { Sleds = [.. kept.Concat(announced).OrderBy(h => h.Sled.Id)] };
        if (next != state.State)
        {
            await Write(next);
        }
    }

    public async Task<ValueList<SledView>> List() => [.. await Views()];

    public async Task<SledView> Get(Guid sledId) =>
        (await Views()).FirstOrDefault(s => s.Id == sledId) ?? throw new SledNotFoundException($"Sled {sledId} not found.");

    public async Task<Guid> Reserve(SledReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Reservations.FirstOrDefault(r => r.VmmId == request.VmmId) is { } existing)
        {
            return existing.SledId;
        }

        if (request.SledId is { } wanted && state.State.Sleds.All(s => s.Sled.Id != wanted))
        {
            throw new SledNotFoundException($"Sled {wanted} not found.");
        }

        var (sledId, refusal) = SledPlacement.Choose(await Views(), request);
        if (sledId is not { } chosen)
        {
            throw new NoSledCapacityException($"Cannot place VMM {request.VmmId}: {refusal}.");
        }

        await Write(state.State with { Reservations = [.. state.State.Reservations, new SledReservation(request.VmmId, chosen, request.Cpus, request.MemoryMib)] });
        return chosen;
    }

    public async Task Release(Guid vmmId)
    {
        if (state.State.Reservations.Any(r => r.VmmId == vmmId))
        {
            await Write(state.State with { Reservations = [.. state.State.Reservations.Where(r => r.VmmId != vmmId)] });
        }
    }

    /// <summary>Persists <paramref name="next"/>, or forgets it and the activation (<see cref="StateWrite"/>).</summary>
    private Task Write(SledInventoryState next) => state.WriteOrDeactivateAsync(next, this);

    private async Task<List<SledView>> Views()
    {
        var live = await LiveSilos();
        return state.State.Sleds
            .Select(s => SledPlacement.View(s, state.State.Reservations, live is null || live.Contains(s.SiloName)))
            .ToList();
    }

    private Task<HashSet<string>?> LiveSilos()
    {
        if (ServiceProvider.GetService<IClusterMembershipService>() is not { } membership)
        {
            return Task.FromResult<HashSet<string>?>(null);
        }

        var live = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<HashSet<string>?>(live);
    }
}
