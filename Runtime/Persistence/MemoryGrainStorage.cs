using System.Globalization;
using ControlPlane.Runtime.GrainDirectory;

namespace ControlPlane.Runtime.Persistence;

/// <summary>
/// The embedded default grain store: records in process memory with integer versions as ETags. Keeps a copy
/// of the bytes, so nothing a grain does to its State object changes what is stored until it writes. Given a
/// <see cref="IFenceAuthority"/>, it refuses writes whose fencing token is stale, in the same lock as the ETag check.
/// </summary>
public sealed class MemoryGrainStorage(IFenceAuthority? fences = null) : IGrainStorage
{
    private readonly object _gate = new();
    private readonly Dictionary<GrainStateKey, (byte[] Payload, long Version)> _records = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    public Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(key, out var record)
                ? new GrainStateRecord(record.Payload.ToArray(), Format(record.Version))
                : null);
        }
    }

    public Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, long fencingToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            CheckFence(key, fencingToken);
            var exists = _records.TryGetValue(key, out var record);
            var stored = exists ? Format(record.Version) : null;
            if (stored != expectedEtag)
            {
                throw new InconsistentStateException(
                    $"Write of {key} refused: the stored ETag is {stored ?? "(no record)"} but the writer expected {expectedEtag ?? "(no record)"}.", stored, expectedEtag);
            }

            var next = exists ? record.Version + 1 : 1;
            _records[key] = (payload.ToArray(), next);
            return Task.FromResult(Format(next));
        }
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            CheckFence(key, fencingToken);
            var exists = _records.TryGetValue(key, out var record);
            var stored = exists ? Format(record.Version) : null;
            if (stored != expectedEtag)
            {
                throw new InconsistentStateException(
                    $"Clear of {key} refused: the stored ETag is {stored ?? "(no record)"} but the caller expected {expectedEtag ?? "(no record)"}.", stored, expectedEtag);
            }

            _records.Remove(key);
            return Task.CompletedTask;
        }
    }

    /// <summary>Token 0 is an unregistered activation (a stateless worker), which the directory does not fence.</summary>
    private void CheckFence(GrainStateKey key, long fencingToken)
    {
        if (fences is not null && fencingToken != 0 && !fences.IsCurrent(key.GrainId, fencingToken))
        {
            throw new ActivationFencedException(key, fencingToken);
        }
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
