using System.Collections.Concurrent;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Transport;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Cluster;

/// <summary>
/// The gateway side of external clients: each request from a client connection becomes a call made by this silo,
/// and its outcome goes back on that connection under the client's correlation id. Clients never join membership.
/// </summary>
internal sealed class GatewayProxy(Silo silo, MessageCodec codec, int maxFrameBytes, ILoggerFactory loggerFactory) : IConnectionOwner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Connection, ConcurrentDictionary<long, CancellationTokenSource>> _clients = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<GatewayProxy>();
    private volatile bool _disposed;

    public int ClientCount => _clients.Count;

    public void Adopt(ConnectionContext context, ConnectionPreamble peer)
    {
        var connection = new Connection(context, peer, codec, this, maxFrameBytes, loggerFactory.CreateLogger<Connection>());
        _clients[connection] = new ConcurrentDictionary<long, CancellationTokenSource>();
        connection.Start();
        if (_disposed)
        {
            connection.Abort();
        }

        _logger.LogDebug("Client {Client} connected from {RemoteEndPoint}.", peer.Identity, connection.RemoteEndPoint);
    }

    public void OnMessage(Connection connection, Message message, Exception? refusal)
    {
        if (!_clients.TryGetValue(connection, out var inFlight))
        {
            return;
        }

        switch (message.Direction)
        {
            case MessageDirection.Request:
                if (refusal is not null)
                {
                    Reply(connection, message, Response.Rejected(refusal));
                    return;
                }

                var cancellation = new CancellationTokenSource();
                inFlight[message.CorrelationId] = cancellation;
                Task<object?> call;
                try
                {
                    call = silo.SendRequestAsync(message.Target, message.Request!, cancellation.Token, out _);
                }
                catch (Exception ex)
                {
                    call = Task.FromException<object?>(ex);
                }

                _ = call.ContinueWith(
                    (done, state) =>
                    {
                        var (conn, request, cts, calls) = ((Connection, Message, CancellationTokenSource, ConcurrentDictionary<long, CancellationTokenSource>))state!;
                        calls.TryRemove(request.CorrelationId, out _);
                        cts.Dispose();
                        var response = done.Status switch
                        {
                            TaskStatus.RanToCompletion => Response.Ok(done.Result),
                            TaskStatus.Canceled => Response.Cancelled(),
                            _ => Response.Failed(done.Exception!.InnerException ?? done.Exception),
                        };
                        Reply(conn, request, response);
                    },
                    (connection, message, cancellation, inFlight),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                break;
            case MessageDirection.OneWay when refusal is null:
                silo.Route(new Message
                {
                    Direction = MessageDirection.OneWay,
                    CorrelationId = silo.PendingCalls.NextCorrelationId(),
                    Target = message.Target,
                    Request = message.Request,
                    Chain = CallChain.New(),
                    DeadlineMs = message.DeadlineMs,
                });
                break;
            case MessageDirection.Cancel:
                if (inFlight.TryGetValue(message.CorrelationId, out var cts))
                {
                    try
                    {
                        cts.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }

                break;
        }
    }

    private static void Reply(Connection connection, Message request, Response response) =>
        connection.TrySend(new Message { Direction = MessageDirection.Response, CorrelationId = request.CorrelationId, Target = request.Target, Response = response });

    public void OnNotSent(Connection connection, Message message, Exception error)
    {
        if (message.Direction == MessageDirection.Response && message.Response?.Status == ResponseStatus.Success)
        {
            Reply(connection, message, Response.Failed(new InvalidOperationException($"The result could not be sent: {error.Message}")));
        }
    }

    public void OnClosed(Connection connection, Exception? error)
    {
        if (_clients.TryRemove(connection, out var inFlight))
        {
            _logger.LogDebug("Client {Client} disconnected: {Reason}", connection.Peer.Identity, error?.Message ?? "closed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var all = _clients.Keys.ToList();
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
