using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// Opens outbound connections: a connected socket wrapped by Kestrel's socket connection factory, then the preamble.
/// <paramref name="preamble"/> is read at each dial: a silo knows its own address only once its port is bound.
/// </summary>
internal sealed class ConnectionDialer(Func<ConnectionPreamble> preamble, TimeSpan connectTimeout, ILoggerFactory loggerFactory)
{
    private readonly SocketConnectionContextFactory _factory = new(new SocketConnectionFactoryOptions(), loggerFactory.CreateLogger<SocketConnectionContextFactory>());

    public async Task<(ConnectionContext Context, ConnectionPreamble Peer)> DialAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var endPoint = IPAddress.TryParse(host, out var ip) ? (EndPoint)new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SiloUnavailableException($"Could not connect to {host}:{port}: {(ex is SocketException se ? se.SocketErrorCode.ToString() : "timed out")}.");
        }

        var context = _factory.Create(socket);
        try
        {
            var peer = await ConnectionHandshake.ConnectAsync(context, preamble(), timeout.Token).ConfigureAwait(false);
            return (context, peer);
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
