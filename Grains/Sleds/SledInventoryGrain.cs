using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Persistence;
using Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// The sled inventory: persists the announced sleds and shows each with its usage (read from the sled's counters,
/// <see cref="ISledCapacityGrain"/>). A sled is reachable while the silo that announced it is Active in this silo's
/// membership view. Reservations are not kept here (<see cref="ISledReservationGrain"/>).
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

    /// <summary>Persists <paramref name="next"/>, or forgets it and the activation (<see cref="StateWrite"/>).</summary>
    private Task Write(SledInventoryState next) => state.WriteOrDeactivateAsync(next, this);

    private async Task<List<SledView>> Views()
    {
        var live = LiveSilos();
        var usage = await Task.WhenAll(state.State.Sleds.Select(s => GrainFactory.GetGrain<ISledCapacityGrain>(s.Sled.Id).Usage()));
        return state.State.Sleds
            .Select((s, i) => SledPlacement.View(s, usage[i], live is null || live.Contains(s.SiloName)))
            .ToList();
    }

    private HashSet<string>? LiveSilos() =>
        ServiceProvider.GetService<IClusterMembershipService>() is { } membership
            ? membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.Name).ToHashSet(StringComparer.Ordinal)
            : null;
}
