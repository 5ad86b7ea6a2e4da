using System.Diagnostics;
using System.Text.Json;
using ControlPlane.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// A decorator over the silo's default grain store that, after every acknowledged write of a Nexus-side VMM record
/// (state name <c>vmm</c>), takes a Stopwatch timestamp and reports the record's VMM id and generation to an
/// <see cref="AppliedGenerationSignal"/>. "Applied" therefore means exactly what the grain means by it: the store has
/// accepted the write (in memory, or committed by PostgreSQL). Grain code is unchanged.
/// </summary>
/// <param name="inner">The store that really holds the records.</param>
/// <param name="signal">Where acknowledged VMM writes are reported.</param>
/// <param name="ownsInner">Whether the container built <paramref name="inner"/> for us (then we dispose it); a registered instance belongs to whoever made it.</param>
public sealed class SignallingGrainStorage(IGrainStorage inner, AppliedGenerationSignal signal, bool ownsInner) : IGrainStorage, IAsyncDisposable
{
    private const string VmmStateName = "vmm";

    /// <summary>Replaces the last registration of the default store with this decorator around it (call after the backend is configured).</summary>
    public static void DecorateDefault(IServiceCollection services, AppliedGenerationSignal signal)
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, GrainStorageNames.Default))
            ?? throw new InvalidOperationException("The silo has no default grain store to decorate.");
        services.Remove(descriptor);
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, key) => descriptor.KeyedImplementationInstance is IGrainStorage instance
            ? new SignallingGrainStorage(instance, signal, ownsInner: false)
            : new SignallingGrainStorage(
                descriptor.KeyedImplementationFactory?.Invoke(sp, key) as IGrainStorage
                    ?? (IGrainStorage)ActivatorUtilities.CreateInstance(sp, descriptor.KeyedImplementationType!),
                signal,
                ownsInner: true));
    }

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, long fencingToken, CancellationToken cancellationToken)
    {
        var etag = await inner.WriteAsync(key, payload, expectedEtag, fencingToken, cancellationToken).ConfigureAwait(false);
        var acknowledged = Stopwatch.GetTimestamp();
        if (key.StateName == VmmStateName && TryReadVmm(payload, out var vmmId, out var generation))
        {
            signal.Persisted(vmmId, generation, acknowledged);
        }

        return etag;
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken) =>
        inner.ClearAsync(key, expectedEtag, fencingToken, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!ownsInner)
        {
            return;
        }

        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Reads <c>Vmm.VmmId</c> and <c>Vmm.Generation</c> from a serialized <c>VmmGrainState</c>.</summary>
    private static bool TryReadVmm(ReadOnlyMemory<byte> payload, out Guid vmmId, out long generation)
    {
        vmmId = Guid.Empty;
        generation = 0;
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty("Vmm", out var vmm)
            && vmm.ValueKind == JsonValueKind.Object
            && vmm.TryGetProperty("VmmId", out var id) && id.TryGetGuid(out vmmId)
            && vmm.TryGetProperty("Generation", out var gen) && gen.TryGetInt64(out generation);
    }
}
