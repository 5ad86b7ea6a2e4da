using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Grains.Persistence;

/// <summary>
/// A state write that leaves nothing unsaved behind. A failed write must not stay in memory (later reads would show, and
/// later writes persist, a change the caller was told failed: a reservation it never got, say), and it may have
/// committed unseen (the ETag is then stale): the activation goes, and the next call reads the truth from storage.
/// </summary>
internal static class StateWrite
{
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, TState next, IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grain);
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            state.State = previous;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
