namespace ControlPlane.Runtime;

/// <summary>Names one state record: the grain's identity plus the state's name.</summary>
public readonly record struct GrainStateKey(GrainId GrainId, string StateName)
{
    public override string ToString() => $"{GrainId}#{StateName}";
}

/// <summary>A stored state record: its JSON payload and its version (the ETag).</summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Payload, string Etag);

/// <summary>
/// A grain state store. The runtime owns serialization, so providers store JSON bytes; each write and clear
/// is conditional on the expected ETag (null: "no record") and carries the activation's fencing token,
/// which fencing providers check in the same step so a cut-off activation can never commit.
/// </summary>
public interface IGrainStorage
{
    Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);

    /// <summary>Stores the payload if the record's ETag is <paramref name="expectedEtag"/>; returns the new ETag or throws <see cref="InconsistentStateException"/>.</summary>
    Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, long fencingToken, CancellationToken cancellationToken);

    /// <summary>Deletes the record if its ETag is <paramref name="expectedEtag"/>; otherwise throws <see cref="InconsistentStateException"/>.</summary>
    Task ClearAsync(GrainStateKey key, string? expectedEtag, long fencingToken, CancellationToken cancellationToken);
}
