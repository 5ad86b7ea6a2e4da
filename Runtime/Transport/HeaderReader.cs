using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Runtime.Transport;

/// <summary>Reads header fields back, refusing any length or value that does not fit: a malformed frame throws <see cref="MalformedFrameException"/>.</summary>
internal ref struct HeaderReader(ReadOnlySpan<byte> header)
{
    private readonly ReadOnlySpan<byte> _header = header;
    private int _position;

    public readonly bool AtEnd => _position == _header.Length;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid ReadGuid() => new(Take(16));

    public string ReadString()
    {
        var length = ReadInt32();
        if (length < 0 || length > WireFormat.MaxStringBytes)
        {
            throw new MalformedFrameException($"header string length {length} is out of range");
        }

        try
        {
            return length == 0 ? "" : new UTF8Encoding(false, true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new MalformedFrameException("header string is not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_header.Length - _position < count)
        {
            throw new MalformedFrameException($"header ends after {_header.Length} bytes, inside a field");
        }

        var span = _header.Slice(_position, count);
        _position += count;
        return span;
    }
}

/// <summary>A frame that does not follow the wire format; the connection it came on is closed, nothing else is affected.</summary>
internal sealed class MalformedFrameException(string reason) : Exception($"Malformed frame: {reason}.")
{
}
