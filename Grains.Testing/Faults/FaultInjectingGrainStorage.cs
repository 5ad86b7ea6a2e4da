using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Testing.Faults;

/// <summary>
/// Wraps the silo's real grain storage (memory or ADO.NET) and fails the writes <see cref="StorageFaults"/> names,
/// before they reach it; reads and clears pass through. Takes part in the silo lifecycle when the real storage does
/// (the ADO.NET provider initialises there).
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.OnWrite(stateName);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(observer);
        }
    }
}
