using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>
/// A bare TCP socket to a silo port or gateway port that writes bytes exactly as given and reads frames back by
/// hand (8-byte prefix: int32 header length, int32 body length, little-endian). Every read has a generous timeout
/// that only guards against a hang; no test depends on it.
/// </summary>
internal sealed class RawWireConnection : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;

    private RawWireConnection(Socket socket) => _socket = socket;

    public static async Task<RawWireConnection> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new RawWireConnection(socket);
    }

    /// <summary>A preamble frame written field by field: magic, version, peer kind, cluster id, identity.</summary>
    public static byte[] Preamble(string clusterId, byte kind, string identity, ushort version = 1)
    {
        var header = new List<byte>();
        header.AddRange(LittleEndian(0x54525043u));
        header.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes(version) : [.. BitConverter.GetBytes(version).Reverse()]);
        header.Add(kind);
        header.AddRange(HeaderString(clusterId));
        header.AddRange(HeaderString(identity));
        return Frame([.. header], []);
    }

    /// <summary>A frame: the prefix with the true lengths, then header and body.</summary>
    public static byte[] Frame(byte[] header, byte[] body) => [.. Prefix(header.Length, body.Length), .. header, .. body];

    /// <summary>Just a length prefix, claiming whatever lengths the test wants.</summary>
    public static byte[] Prefix(int headerLength, int bodyLength)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, headerLength);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), bodyLength);
        return prefix;
    }

    public static byte[] HeaderString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [.. LittleEndian(bytes.Length), .. bytes];
    }

    public static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] LittleEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        await _socket.SendAsync(bytes, SocketFlags.None, guard.Token);
    }

    /// <summary>The next frame's header and body, or null when the peer closed (or reset) the connection first.</summary>
    public async Task<(byte[] Header, byte[] Body)?> ReadFrameAsync()
    {
        var prefix = await ReadExactlyAsync(8);
        if (prefix is null)
        {
            return null;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        var header = await ReadExactlyAsync(headerLength);
        var body = bodyLength == 0 ? [] : await ReadExactlyAsync(bodyLength);
        return header is null || body is null ? null : (header, body);
    }

    /// <summary>Reads and discards until the peer closes or resets the connection; the hang guard fails the test instead of hanging it.</summary>
    public async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token) > 0)
            {
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
        }
    }

    private async Task<byte[]?> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            while (read < count)
            {
                var n = await _socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, guard.Token);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return null;
        }

        return buffer;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
