using System.Diagnostics;
using ControlPlane.Grains.Vmms.Nexus;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// An Orleans <see cref="IGrainStorage"/> decorator over the silo's default store: after every acknowledged write of a
/// Nexus-side VMM record (a <see cref="VmmGrainState"/>) it takes a Stopwatch timestamp and reports the record's VMM id
/// and generation to an <see cref="AppliedGenerationSignal"/>. "Applied" therefore means exactly what the grain means by
/// it: the store has accepted the write (in memory, or committed by PostgreSQL). Grain code is unchanged. The inner
/// store's silo-lifecycle participation (the ADO.NET store reads its queries at start) is forwarded, because Orleans
/// registers the participant by casting whatever the keyed store registration returns.
/// </summary>
/// <param name="inner">The store that really holds the records.</param>
/// <param name="signal">Where acknowledged VMM writes are reported.</param>
public sealed class SignallingGrainStorage(IGrainStorage inner, AppliedGenerationSignal signal) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Replaces the keyed registration of the default store with this decorator around it (call after the backend is configured).</summary>
    public static void DecorateDefault(IServiceCollection services, AppliedGenerationSignal signal)
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException("The silo has no default grain store to decorate.");
        var factory = descriptor.KeyedImplementationFactory
            ?? throw new InvalidOperationException("The default grain store is not registered by a factory (Orleans' AddGrainStorage).");
        services.Remove(descriptor);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new SignallingGrainStorage((IGrainStorage)factory(sp, key), signal));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await inner.WriteStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
        var acknowledged = Stopwatch.GetTimestamp();
        if (grainState.State is VmmGrainState { Vmm: { } vmm })
        {
            signal.Persisted(vmm.VmmId, vmm.Generation.Value, acknowledged);
        }
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

/// <summary>Wraps each TestCluster silo's default store in a <see cref="SignallingGrainStorage"/> reporting to <see cref="AppliedGenerationSignal.Shared"/>.</summary>
public sealed class SignallingStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        SignallingGrainStorage.DecorateDefault(siloBuilder.Services, AppliedGenerationSignal.Shared);
    }
}
