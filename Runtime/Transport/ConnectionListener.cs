using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// Accepts TCP connections on one port through Kestrel's socket transport, runs the preamble handshake on each, and
/// hands established connections to <paramref name="onEstablished"/>. A refused or broken handshake affects only that connection.
/// <paramref name="preamble"/> is read at each handshake, not once: a silo bound to port 0 learns its address only after
/// binding, and peers check that the acceptor's identity is the address they dialled.
/// </summary>
internal sealed class ConnectionListener(
    IPEndPoint endPoint,
    Func<ConnectionPreamble> preamble,
    bool acceptsClients,
    Action<ConnectionContext, ConnectionPreamble> onEstablished,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ConnectionListener>();
    private readonly CancellationTokenSource _stop = new();
    private IConnectionListener? _listener;
    private Task? _acceptLoop;

    /// <summary>The bound endpoint (the actual port when 0 was asked for); null before start.</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = new SocketTransportFactory(Options.Create(new SocketTransportOptions { NoDelay = true }), loggerFactory);
        _listener = await factory.BindAsync(endPoint, cancellationToken).ConfigureAwait(false);
        BoundEndPoint = (IPEndPoint)_listener.EndPoint;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConnectionContext? connection;
            try
            {
                connection = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Accepting a connection on {EndPoint} failed.", BoundEndPoint);
                continue;
            }

            if (connection is null)
            {
                break; // the listener was unbound
            }

            _ = HandshakeAsync(connection);
        }
    }

    private async Task HandshakeAsync(ConnectionContext connection)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(HandshakeTimeout);
            var peer = await ConnectionHandshake.AcceptAsync(connection, preamble(), acceptsClients, timeout.Token).ConfigureAwait(false);
            onEstablished(connection, peer);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Refused a connection from {RemoteEndPoint} on {EndPoint}: {Reason}",
                connection.RemoteEndPoint, BoundEndPoint, ex is MalformedFrameException or ConnectionRefusedException ? ex.Message : ex.GetType().Name + ": " + ex.Message);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting; established connections are closed by their owner.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.UnbindAsync().ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
