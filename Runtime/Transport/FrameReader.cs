using System.Buffers;
using System.Buffers.Binary;

namespace ControlPlane.Runtime.Transport;

/// <summary>One frame's header and body, copied out of the pipe.</summary>
internal readonly record struct Frame(byte[] Header, byte[] Body);

/// <summary>Cuts frames out of a byte sequence; lengths are checked against the limits before anything is copied.</summary>
internal static class FrameReader
{
    /// <summary>True and the frame when <paramref name="buffer"/> holds a whole one (advanced past it); false when more bytes are needed.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out Frame frame)
    {
        frame = default;
        if (buffer.Length < WireFormat.PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[WireFormat.PrefixLength];
        buffer.Slice(0, WireFormat.PrefixLength).CopyTo(prefix);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        if (headerLength <= 0 || headerLength > WireFormat.MaxHeaderBytes)
        {
            throw new MalformedFrameException($"header length {headerLength} is out of range (1..{WireFormat.MaxHeaderBytes})");
        }

        if (bodyLength < 0 || (long)headerLength + bodyLength > maxFrameBytes)
        {
            throw new MalformedFrameException($"frame of {(long)headerLength + bodyLength} bytes exceeds the {maxFrameBytes}-byte limit");
        }

        var total = WireFormat.PrefixLength + (long)headerLength + bodyLength;
        if (buffer.Length < total)
        {
            return false;
        }

        var header = buffer.Slice(WireFormat.PrefixLength, headerLength).ToArray();
        var body = bodyLength == 0 ? [] : buffer.Slice(WireFormat.PrefixLength + headerLength, bodyLength).ToArray();
        buffer = buffer.Slice(total);
        frame = new Frame(header, body);
        return true;
    }
}
