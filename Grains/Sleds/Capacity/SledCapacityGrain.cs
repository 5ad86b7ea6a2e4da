using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Sleds.Capacity;

/// <summary>A thin shell over <see cref="SledLedger"/>: one sled's counters, written (small) only when they change.</summary>
public sealed class SledCapacityGrain([PersistentState("sled-capacity")] IPersistentState<SledLedger> state) : Grain, ISledCapacityGrain
{
    public async Task<bool> Take(SledCapacityClaim claim)
    {
        var (next, taken) = state.State.Take(claim);
        await Write(next);
        return taken;
    }

    public Task Confirm(Guid vmmId) => Write(state.State.Confirm(vmmId));

    public Task Cancel(SledCapacityClaim claim) => Write(state.State.Cancel(claim));

    public Task Give(SledCapacityClaim claim) => Write(state.State.Give(claim));

    public Task Forget(Guid vmmId) => Write(state.State.Forget(vmmId));

    public Task<SledUsage> Usage() => Task.FromResult(state.State.Usage);

    private Task Write(SledLedger next) => next == state.State ? Task.CompletedTask : state.WriteOrDeactivateAsync(next, this);
}
