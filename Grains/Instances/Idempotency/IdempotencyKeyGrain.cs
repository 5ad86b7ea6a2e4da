using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Persistence;
using Orleans;

namespace ControlPlane.Grains.Instances.Idempotency;

/// <summary>One idempotency key of instance creation: a thin shell over <see cref="IdempotencyKeyRules"/> that persists its use.</summary>
public sealed class IdempotencyKeyGrain([PersistentState("idempotency-key")] IPersistentState<IdempotencyKeyGrainState> state, TimeProvider clock) : Grain, IIdempotencyKeyGrain
{
    public async Task<IdempotencyClaim> Claim(string requestFingerprint)
    {
        var (use, claim) = IdempotencyKeyRules.Claim(state.State.Use, requestFingerprint, Guid.NewGuid(), clock.GetUtcNow());
        if (use != state.State.Use)
        {
            await state.WriteOrDeactivateAsync(new IdempotencyKeyGrainState { Use = use }, this);
        }

        return claim;
    }

    public async Task<bool> Complete()
    {
        if (state.State.Use is not { Completed: false } current)
        {
            return false;
        }

        await state.WriteOrDeactivateAsync(new IdempotencyKeyGrainState { Use = current with { Completed = true } }, this);
        return true;
    }
}
