using System.Buffers;
using System.Buffers.Binary;

namespace ControlPlane.Runtime.Transport;

/// <summary>Writes one frame: the 8-byte length prefix, the header and the body.</summary>
internal static class FrameWriter
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var prefix = output.GetSpan(WireFormat.PrefixLength);
        BinaryPrimitives.WriteInt32LittleEndian(prefix, header.Length);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], body.Length);
        output.Advance(WireFormat.PrefixLength);
        output.Write(header);
        output.Write(body);
    }
}
