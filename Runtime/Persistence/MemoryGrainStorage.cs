using System.Globalization;

namespace ControlPlane.Runtime.Persistence;

/// <summary>
/// The embedded default grain store: records in process memory with integer versions as ETags. Keeps a copy
/// of the bytes, so nothing a grain does to its State object changes what is stored until it writes.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
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

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
