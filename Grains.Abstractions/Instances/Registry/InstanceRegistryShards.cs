namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>
/// Which registry shard lists an instance: the id's leading byte in its canonical (big-endian, "D") form. .NET orders
/// <see cref="Guid"/>s by the same bytes, so shard 0..255 in turn, each ascending, is every id in ascending order.
/// </summary>
public static class InstanceRegistryShards
{
    public const int Count = 256;

    public static int Of(Guid instanceId)
    {
        Span<byte> bytes = stackalloc byte[16];
        instanceId.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes[0];
    }
}
