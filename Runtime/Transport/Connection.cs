using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Messaging;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Transport;

/// <summary>What a connection hands to its owner: decoded messages, messages it could not send, and its end.</summary>
internal interface IConnectionOwner
{
    void OnMessage(Connection connection, Message message, Exception? refusal);

    /// <summary>A message could not be encoded or the connection closed before it was written: it was never sent.</summary>
    void OnNotSent(Connection connection, Message message, Exception error);

    void OnClosed(Connection connection, Exception? error);
}

/// <summary>
/// One established TCP connection after the preamble: a receive loop that cuts frames and decodes messages, and a
/// send loop that drains a queue into the pipe, flushing when the queue is empty. A malformed frame closes this
/// connection and nothing else.
/// </summary>
internal sealed class Connection
{
    private readonly ConnectionContext _context;
    private readonly MessageCodec _codec;
    private readonly IConnectionOwner _owner;
    private readonly ILogger _logger;
    private readonly int _maxFrameBytes;
    private readonly Channel<Message> _outbound = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;

    public Connection(ConnectionContext context, ConnectionPreamble peer, MessageCodec codec, IConnectionOwner owner, int maxFrameBytes, ILogger logger)
    {
        _context = context;
        Peer = peer;
        PeerSilo = peer.Kind == PeerKind.Silo ? SiloAddress.Parse(peer.Identity) : null;
        _codec = codec;
        _owner = owner;
        _maxFrameBytes = maxFrameBytes;
        _logger = logger;
    }

    public ConnectionPreamble Peer { get; }

    /// <summary>The remote silo; null for a client connection.</summary>
    public SiloAddress? PeerSilo { get; }

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    public Task Closed => _closed.Task;

    public string RemoteEndPoint => _context.RemoteEndPoint?.ToString() ?? "?";

    /// <summary>Runs both loops until the connection ends; the owner hears OnClosed exactly once.</summary>
    public void Start()
    {
        var receive = Task.Run(ReceiveLoopAsync);
        var send = Task.Run(SendLoopAsync);
        _ = Task.WhenAll(receive, send).ContinueWith(_ => _closed.TrySetResult(), TaskScheduler.Default);
    }

    /// <summary>Queues a message; false when the connection is closing (the message was not sent).</summary>
    public bool TrySend(Message message) => !IsClosed && _outbound.Writer.TryWrite(message);

    public void Abort(Exception? reason = null) => Close(reason);

    private async Task ReceiveLoopAsync()
    {
        var input = _context.Transport.Input;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (FrameReader.TryRead(ref buffer, _maxFrameBytes, out var frame))
                    {
                        var message = _codec.Read(frame, PeerSilo, out var refusal);
                        _owner.OnMessage(this, message, refusal);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (MalformedFrameException ex)
        {
            _logger.LogWarning("Closing connection from {Peer} ({RemoteEndPoint}): {Reason}", Peer.Identity, RemoteEndPoint, ex.Message);
            error = ex;
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException or InvalidOperationException)
        {
            error = ex;
        }

        Close(error);
    }

    private async Task SendLoopAsync()
    {
        var output = _context.Transport.Output;
        var reader = _outbound.Reader;
        var scratch = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    scratch.ResetWrittenCount();
                    try
                    {
                        _codec.Write(scratch, message);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        _owner.OnNotSent(this, message, ex);
                        continue;
                    }

                    if (scratch.WrittenCount > _maxFrameBytes + WireFormat.PrefixLength)
                    {
                        _owner.OnNotSent(this, message, new InvalidOperationException(
                            $"The message is {scratch.WrittenCount} bytes, over the {_maxFrameBytes}-byte frame limit."));
                        continue;
                    }

                    output.Write(scratch.WrittenSpan);
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException or InvalidOperationException)
        {
            Close(ex);
        }

        // Whatever is still queued was never written.
        while (reader.TryRead(out var unsent))
        {
            _owner.OnNotSent(this, unsent, new SiloUnavailableException($"The connection to {Peer.Identity} closed before the message was sent."));
        }
    }

    private void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        try
        {
            _context.Transport.Input.CancelPendingRead();
            _context.Abort(new ConnectionAbortedException(error?.Message ?? "closed"));
        }
        catch (ObjectDisposedException)
        {
        }

        _owner.OnClosed(this, error);
        _ = DisposeContextLaterAsync();
    }

    private async Task DisposeContextLaterAsync()
    {
        await Task.Yield();
        try
        {
            await _context.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or IOException)
        {
        }
    }

    public override string ToString() => $"connection to {Peer.Kind.ToString().ToLowerInvariant()} {Peer.Identity} ({RemoteEndPoint})";
}
