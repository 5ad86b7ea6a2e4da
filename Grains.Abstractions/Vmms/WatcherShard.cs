namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// Which watcher shard a VMM belongs to (pure): a fixed FNV-1a hash of the id's bytes, so every silo and every
/// process agrees (never <see cref="object.GetHashCode"/>, which is not a stable contract).
/// </summary>
public static class WatcherShard
{
    /// <summary>The shard index in [0, <paramref name="shardCount"/>).</summary>
    public static int Of(Guid vmmId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        Span<byte> bytes = stackalloc byte[16];
        vmmId.TryWriteBytes(bytes);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)shardCount);
    }
}
