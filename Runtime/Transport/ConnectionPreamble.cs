using System.Buffers;

namespace ControlPlane.Runtime.Transport;

/// <summary>Who is at the other end of a connection.</summary>
internal enum PeerKind : byte
{
    Silo = 1,
    Client = 2,

    /// <summary>The acceptor refuses the connection; <see cref="ConnectionPreamble.Identity"/> says why.</summary>
    Refusal = 3,
}

/// <summary>
/// The first frame each way: protocol version, cluster id and identity (a silo address or a client id). An acceptor
/// refuses a wrong version or cluster id with a <see cref="PeerKind.Refusal"/> preamble and closes the connection.
/// </summary>
internal sealed record ConnectionPreamble(ushort Version, PeerKind Kind, string ClusterId, string Identity)
{
    public void WriteTo(IBufferWriter<byte> output)
    {
        var header = new ArrayBufferWriter<byte>(64);
        var writer = new HeaderWriter(header);
        writer.WriteUInt32(WireFormat.Magic);
        writer.WriteUInt16(Version);
        writer.WriteByte((byte)Kind);
        writer.WriteString(ClusterId);
        writer.WriteString(Identity);
        FrameWriter.Write(output, header.WrittenSpan, []);
    }

    public static ConnectionPreamble Parse(ReadOnlySpan<byte> header)
    {
        var reader = new HeaderReader(header);
        if (reader.ReadUInt32() != WireFormat.Magic)
        {
            throw new MalformedFrameException("the connection does not start with the ControlPlane preamble");
        }

        var version = reader.ReadUInt16();
        var kind = (PeerKind)reader.ReadByte();
        if (kind is not (PeerKind.Silo or PeerKind.Client or PeerKind.Refusal))
        {
            throw new MalformedFrameException($"unknown peer kind {(byte)kind}");
        }

        return new ConnectionPreamble(version, kind, reader.ReadString(), reader.ReadString());
    }
}
