using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ControlPlane.Runtime.Transport;

/// <summary>Writes the binary header fields (little-endian integers, length-prefixed UTF-8 strings) into a buffer.</summary>
internal readonly struct HeaderWriter(IBufferWriter<byte> output)
{
    public void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(output.GetSpan(16));
        output.Advance(16);
    }

    /// <summary>Null and empty both travel as length 0 (no header field distinguishes them).</summary>
    public void WriteString(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            WriteInt32(0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        if (length > WireFormat.MaxStringBytes)
        {
            throw new InvalidOperationException($"A header string of {length} bytes exceeds the {WireFormat.MaxStringBytes}-byte limit.");
        }

        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }
}
