using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Benchmarks.Runtime.CrossSilo;

/// <summary>
/// The floor under every remote call: a loopback TCP server that echoes fixed-size messages, and clients that send
/// one and wait for it to come back (one socket per caller, Nagle off, as the runtime's transport).
/// </summary>
public sealed class LoopbackEchoServer : IAsyncDisposable
{
    public const int MessageBytes = 64;

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private readonly Task _acceptLoop;

    public LoopbackEchoServer()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Connects one client socket.</summary>
    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(EndPoint).ConfigureAwait(false);
        return socket;
    }

    /// <summary>One round trip on <paramref name="socket"/>: send 64 bytes, read 64 back.</summary>
    public static async Task RoundTripAsync(Socket socket, byte[] buffer)
    {
        await socket.SendAsync(buffer.AsMemory(0, MessageBytes), SocketFlags.None).ConfigureAwait(false);
        await ReceiveExactlyAsync(socket, buffer, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_accepted)
            {
                _accepted.Add(socket);
            }

            _ = Task.Run(() => EchoAsync(socket));
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[MessageBytes];
        try
        {
            while (await ReceiveExactlyAsync(socket, buffer, _stop.Token).ConfigureAwait(false))
            {
                await socket.SendAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    /// <summary>False when the peer closed before a whole message arrived.</summary>
    private static async Task<bool> ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < MessageBytes)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read, MessageBytes - read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }
}
