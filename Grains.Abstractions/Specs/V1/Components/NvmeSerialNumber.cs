using System.Collections.Immutable;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// An NVMe serial number: exactly 20 bytes (a JSON array of 20 u8 on the wire). The length is
/// checked at construction, so no value of this type has the wrong length.
/// </summary>
[Immutable, Alias("controlplane.specs.v1.NvmeSerialNumber")]
public readonly struct NvmeSerialNumber : IEquatable<NvmeSerialNumber>
{
    /// <summary>The number of bytes in a serial number.</summary>
    public const int Length = 20;

    private readonly ImmutableArray<byte> bytes;

    public NvmeSerialNumber(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"an NVMe serial number has exactly {Length} bytes, not {bytes.Length}", nameof(bytes));
        }

        this.bytes = ImmutableArray.Create(bytes);
    }

    /// <summary>The serial's bytes (all zeroes for the default value).</summary>
    public ImmutableArray<byte> Bytes => bytes.IsDefault ? ImmutableArray.Create(new byte[Length]) : bytes;

    /// <summary>Nexus' convention: the disk name's UTF-8 bytes, truncated or zero-padded to 20 bytes.</summary>
    public static NvmeSerialNumber ZeroPaddedFrom(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new byte[Length];
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        utf8.AsSpan(0, Math.Min(Length, utf8.Length)).CopyTo(buffer);
        return new NvmeSerialNumber(buffer);
    }

    public bool Equals(NvmeSerialNumber other) => Bytes.AsSpan().SequenceEqual(other.Bytes.AsSpan());

    public override bool Equals(object? obj) => obj is NvmeSerialNumber other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.AsSpan());
        return hash.ToHashCode();
    }

    public static bool operator ==(NvmeSerialNumber left, NvmeSerialNumber right) => left.Equals(right);

    public static bool operator !=(NvmeSerialNumber left, NvmeSerialNumber right) => !left.Equals(right);

    public override string ToString() => Convert.ToHexString(Bytes.AsSpan());
}
