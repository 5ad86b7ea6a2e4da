using System.Collections.Concurrent;
using System.Globalization;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Serialization;
using ControlPlane.Runtime.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Runtime.Client;

/// <summary>
/// An <see cref="IClusterClient"/> outside the cluster: it connects to silo gateways (from a static list or the
/// membership table's Active rows), pins each grain to one gateway by hash so one grain's calls keep their order,
/// and fails over to another gateway when one is unreachable. Requests that were sent when a connection dropped
/// fail with their outcome unknown; nothing is resent.
/// </summary>
public sealed class GatewayClusterClient : IClusterClient, IGrainCallSender, IConnectionOwner, IAsyncDisposable
{
    private readonly GatewayClientOptions _options;
    private readonly IMembershipTable? _membership;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ClusterClient _factory;
    private readonly ConcurrentDictionary<GrainInterfaceDescriptor, GrainReferenceShared> _shared = new();
    private readonly PendingCallTable _pending;
    private readonly MessageCodec _codec;
    private readonly ConnectionDialer _dialer;
    private readonly ConcurrentDictionary<string, Lazy<Task<Connection>>> _connections = new();
    private readonly ConcurrentDictionary<string, long> _deadUntil = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile string[] _gateways = [];
    private Task? _refresher;

    public GatewayClusterClient(GatewayClientOptions options, IMembershipTable? membership = null, IServiceProvider? services = null,
        IEnumerable<SerializerConfiguration>? serializerConfiguration = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _membership = membership;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<GatewayClusterClient>();
        ServiceProvider = services ?? EmptyServiceProvider.Instance;
        Serializer = new GrainSerializer(this, (serializerConfiguration ?? []).Select(c => c.Configure));
        _pending = new PendingCallTable(() => Serializer, _loggerFactory.CreateLogger<PendingCallTable>());
        _codec = new MessageCodec(Serializer, _pending.FindMethod);
        var identity = "client-" + Guid.NewGuid().ToString("N")[..12];
        var preamble = new ConnectionPreamble(WireFormat.ProtocolVersion, PeerKind.Client, options.ClusterId, identity);
        _dialer = new ConnectionDialer(() => preamble,
            options.OpenConnectionTimeout, _loggerFactory);
        _factory = new ClusterClient(this, ServiceProvider);
        _gateways = [.. options.Gateways];
    }

    public IServiceProvider ServiceProvider { get; }

    public GrainSerializer Serializer { get; }

    /// <summary>The gateways currently known ("host:port").</summary>
    public IReadOnlyList<string> Gateways => _gateways;

    /// <summary>Reads the gateway list (retrying with backoff up to <paramref name="attempts"/> times) and connects to one gateway.</summary>
    public async Task ConnectAsync(int attempts = 15, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RefreshGatewaysAsync(cancellationToken).ConfigureAwait(false);
                if (_gateways.Length == 0)
                {
                    throw new SiloUnavailableException("No gateway is known: give a static list or a membership table with active gateways.");
                }

                await GetConnectionAsync(GatewayFor(new GrainId("client", "probe"))).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (attempt < attempts && ex is SiloUnavailableException or ConnectionRefusedException)
            {
                _logger.LogInformation("Connecting to the cluster failed (attempt {Attempt} of {Attempts}): {Error}", attempt, attempts, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        if (_membership is not null)
        {
            _refresher ??= Task.Run(RefreshLoopAsync);
        }
    }

    private async Task RefreshLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.GatewayListRefreshPeriod, _stop.Token).ConfigureAwait(false);
                await RefreshGatewaysAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogDebug("Refreshing the gateway list failed: {Error}", ex.Message);
            }
        }
    }

    private async Task RefreshGatewaysAsync(CancellationToken cancellationToken)
    {
        if (_membership is null)
        {
            return;
        }

        var snapshot = await _membership.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var fromTable = snapshot.Entries
            .Where(e => e.Status == SiloLifecycleStatus.Active && e.GatewayPort > 0)
            .Select(e => e.Address.Host + ":" + e.GatewayPort.ToString(CultureInfo.InvariantCulture));
        _gateways = [.. fromTable.Concat(_options.Gateways).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The gateway a grain's calls go through: a hash over the live gateways, so one grain keeps one path.</summary>
    private string GatewayFor(GrainId grainId)
    {
        var gateways = _gateways;
        if (gateways.Length == 0)
        {
            throw new SiloUnavailableException("No gateway is known; the client is not connected.");
        }

        var now = Environment.TickCount64;
        var live = gateways.Where(g => !_deadUntil.TryGetValue(g, out var until) || until <= now).ToArray();
        var pool = live.Length > 0 ? live : gateways;
        return pool[grainId.GetStableHash() % (uint)pool.Length];
    }

    private async Task<Connection> GetConnectionAsync(string gateway)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var lazy = _connections.GetOrAdd(gateway, g => new Lazy<Task<Connection>>(() => DialAsync(g)));
        Connection connection;
        try
        {
            connection = await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _connections.TryRemove(KeyValuePair.Create(gateway, lazy));
            MarkDead(gateway);
            throw;
        }

        if (connection.IsClosed)
        {
            _connections.TryRemove(KeyValuePair.Create(gateway, lazy));
            return await GetConnectionAsync(gateway).ConfigureAwait(false);
        }

        return connection;
    }

    private async Task<Connection> DialAsync(string gateway)
    {
        var endpoint = SiloAddressOf(gateway);
        var (context, peer) = await _dialer.DialAsync(endpoint.Host, endpoint.Port, _stop.Token).ConfigureAwait(false);
        var connection = new Connection(context, peer, _codec, this, _options.MaxFrameBytes, _loggerFactory.CreateLogger<Connection>());
        connection.Start();
        _deadUntil.TryRemove(gateway, out _);
        return connection;
    }

    private void MarkDead(string gateway) =>
        _deadUntil[gateway] = Environment.TickCount64 + (long)_options.DeadGatewayRetryDelay.TotalMilliseconds;

    Task<object?> IGrainCallSender.SendRequestAsync(GrainReference target, GrainRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        var message = CreateRequest(target.GrainId, request, MessageDirection.Request, out var timeout);
        var completion = _pending.Register(message, timeout);
        if (cancellationToken.CanBeCanceled)
        {
            _pending.AttachCancellation(message.CorrelationId, cancellationToken.Register(() =>
            {
                if (message.SentTo is not null && _connections.TryGetValue(GatewayFor(message.Target), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
                {
                    lazy.Value.Result.TrySend(new Message { Direction = MessageDirection.Cancel, CorrelationId = message.CorrelationId, Target = message.Target });
                }
            }));
        }

        _ = SendAsync(message);
        return completion;
    }

    void IGrainCallSender.SendOneWay(GrainReference target, GrainRequest request) =>
        _ = SendAsync(CreateRequest(target.GrainId, request, MessageDirection.OneWay, out _));

    private Message CreateRequest(GrainId target, GrainRequest request, MessageDirection direction, out TimeSpan timeout)
    {
        timeout = request.Method.ResponseTimeout ?? _options.ResponseTimeout;
        return new Message
        {
            Direction = direction,
            CorrelationId = _pending.NextCorrelationId(),
            Target = target,
            Request = request,
            Chain = CallChain.New(),
            DeadlineMs = Environment.TickCount64 + (long)timeout.TotalMilliseconds,
        };
    }

    /// <summary>Sends through the grain's gateway; an unreachable gateway is skipped and the next one tried (the request was not sent yet).</summary>
    private async Task SendAsync(Message message)
    {
        Exception? last = null;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < Math.Max(1, _gateways.Length) + 1; attempt++)
        {
            string gateway;
            try
            {
                gateway = GatewayFor(message.Target);
            }
            catch (SiloUnavailableException ex)
            {
                last = ex;
                break;
            }

            if (!tried.Add(gateway) && tried.Count >= _gateways.Length)
            {
                break;
            }

            try
            {
                var connection = await GetConnectionAsync(gateway).ConfigureAwait(false);
                message.SentTo = SiloAddressOf(gateway);
                if (connection.TrySend(message))
                {
                    return;
                }

                message.SentTo = null;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or ConnectionRefusedException or IOException or MalformedFrameException)
            {
                last = ex;
                MarkDead(gateway);
            }
        }

        _pending.Complete(message.CorrelationId, Response.Rejected(
            new SiloUnavailableException($"No gateway could take the call to {message.Target}; it was not sent. Last error: {last?.Message ?? "none"}")));
    }

    /// <summary>A gateway's stand-in address, so that its connection's loss fails exactly the calls sent through it.</summary>
    private static SiloAddress SiloAddressOf(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        return new SiloAddress(gateway[..colon], int.Parse(gateway.AsSpan(colon + 1), CultureInfo.InvariantCulture), 0);
    }

    void IConnectionOwner.OnMessage(Connection connection, Message message, Exception? refusal)
    {
        if (message.Direction == MessageDirection.Response)
        {
            _pending.Complete(message.CorrelationId, message.Response!);
        }
    }

    void IConnectionOwner.OnNotSent(Connection connection, Message message, Exception error)
    {
        if (message.Direction == MessageDirection.Request)
        {
            _pending.Complete(message.CorrelationId, Response.Rejected(error is SiloUnavailableException ? error : new GrainCallRejectedException($"The request could not be sent: {error.Message}")));
        }
    }

    void IConnectionOwner.OnClosed(Connection connection, Exception? error)
    {
        foreach (var (gateway, lazy) in _connections)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result == connection)
            {
                _connections.TryRemove(KeyValuePair.Create(gateway, lazy));
                var address = SiloAddressOf(gateway);
                _pending.FailWhere(m => m.SentTo == address, () => new SiloUnavailableException(
                    $"The connection to gateway {gateway} was lost ({error?.Message ?? "closed"}); the outcome of the call is unknown."));
                if (!_stop.IsCancellationRequested)
                {
                    MarkDead(gateway);
                }
            }
        }
    }

    GrainReference IGrainCallSender.CreateReference(GrainId grainId, GrainInterfaceDescriptor interfaceDescriptor)
    {
        var shared = _shared.GetOrAdd(interfaceDescriptor, static (d, self) => new GrainReferenceShared(d, self), this);
        return interfaceDescriptor.ProxyFactory(shared, grainId);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidKey =>
        _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerKey =>
        _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithStringKey =>
        _factory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidCompoundKey =>
        _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerCompoundKey =>
        _factory.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable =>
        _factory.GetGrain<TGrainInterface>(grainId);

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_refresher is not null)
        {
            await _refresher.ConfigureAwait(false);
        }

        foreach (var lazy in _connections.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Abort();
            }
        }

        await _pending.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
