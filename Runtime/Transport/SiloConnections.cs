using System.Collections.Concurrent;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Messaging;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// This silo's connections to other silos: at most one dial in flight per peer, accepted connections reused for
/// sending, and a closed connection replaced on the next send. Message handling is the router's business.
/// </summary>
internal sealed class SiloConnections(
    ConnectionDialer dialer,
    MessageCodec codec,
    IConnectionOwner router,
    int maxFrameBytes,
    ILoggerFactory loggerFactory) : IConnectionOwner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Connection> _established = new();
    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<Connection>>> _dialing = new();
    private readonly ConcurrentDictionary<Connection, byte> _all = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<SiloConnections>();
    private volatile bool _disposed;

    public int Count => _all.Count;

    /// <summary>Queues <paramref name="message"/> for <paramref name="silo"/>, dialling if needed. Throws <see cref="SiloUnavailableException"/> when it cannot be sent.</summary>
    public async ValueTask SendAsync(SiloAddress silo, Message message)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (_established.TryGetValue(silo, out var existing) && existing.TrySend(message))
            {
                return;
            }

            var connection = await ConnectAsync(silo).ConfigureAwait(false);
            if (connection.TrySend(message))
            {
                return;
            }
        }

        throw new SiloUnavailableException($"The connection to silo {silo} keeps closing; the message was not sent.");
    }

    private async Task<Connection> ConnectAsync(SiloAddress silo)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lazy = _dialing.GetOrAdd(silo, s => new Lazy<Task<Connection>>(() => DialAsync(s)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        finally
        {
            _dialing.TryRemove(KeyValuePair.Create(silo, lazy));
        }
    }

    private async Task<Connection> DialAsync(SiloAddress silo)
    {
        var (context, peer) = await dialer.DialAsync(silo.Host, silo.Port, CancellationToken.None).ConfigureAwait(false);
        if (peer.Identity != silo.ToString())
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw new SiloUnavailableException($"Silo {silo} is gone: {silo.Endpoint} is now {peer.Identity}.");
        }

        return Adopt(context, peer);
    }

    /// <summary>Takes over an established connection (dialled here, or accepted on the silo port).</summary>
    public Connection Adopt(ConnectionContext context, ConnectionPreamble peer)
    {
        var connection = new Connection(context, peer, codec, this, maxFrameBytes, loggerFactory.CreateLogger<Connection>());
        _all[connection] = 0;
        _established.AddOrUpdate(connection.PeerSilo!.Value, connection, (_, old) => old.IsClosed ? connection : old);
        connection.Start();
        if (_disposed)
        {
            connection.Abort();
        }

        return connection;
    }

    /// <summary>Closes every connection to <paramref name="silo"/> (it was declared dead).</summary>
    public void Drop(SiloAddress silo)
    {
        foreach (var connection in _all.Keys)
        {
            if (connection.PeerSilo == silo)
            {
                connection.Abort();
            }
        }
    }

    public void OnMessage(Connection connection, Message message, Exception? refusal) => router.OnMessage(connection, message, refusal);

    public void OnNotSent(Connection connection, Message message, Exception error) => router.OnNotSent(connection, message, error);

    public void OnClosed(Connection connection, Exception? error)
    {
        _all.TryRemove(connection, out _);
        if (connection.PeerSilo is { } peer)
        {
            _established.TryRemove(KeyValuePair.Create(peer, connection));
        }

        _logger.LogDebug("Closed {Connection}: {Reason}", connection, error?.Message ?? "normal close");
        router.OnClosed(connection, error);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var all = _all.Keys.ToList();
        foreach (var connection in all)
        {
            connection.Abort();
        }

        try
        {
            await Task.WhenAll(all.Select(c => c.Closed)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // aborted connections whose loops are slow to notice: nothing is sent on them any more
        }
    }
}
