using System.Collections.Concurrent;
using System.Net;
using ControlPlane.Runtime.Activation;
using ControlPlane.Runtime.Cluster;
using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Serialization;
using ControlPlane.Runtime.Transport;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Runtime.Hosting;

/// <summary>Lifecycle of a silo.</summary>
public enum SiloStatus
{
    Created,
    Running,
    Stopping,
    Stopped,

    /// <summary>Killed, or lost its membership lease: it serves nothing and has cleaned nothing up.</summary>
    Dead,
}

/// <summary>
/// A silo: hosts activations, routes messages to them (locally or over TCP to the silo the directory names), keeps
/// the calls it sent until their responses arrive, serves external clients on its gateway port, and holds a
/// membership lease; without the lease it stops serving.
/// </summary>
public sealed class Silo : IGrainCallSender, IConnectionOwner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainInterfaceDescriptor, GrainReferenceShared> _shared = new();
    private readonly MessagingOptions _messaging;
    private readonly EndpointOptions _endpoints;
    private readonly ClusterMembershipOptions _membershipOptions;
    private readonly ILogger<Silo> _logger;
    private readonly ActivationCollector _collector;
    private readonly MembershipAgent _membership;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly MessageCodec _codec;
    private readonly SiloConnections _connections;
    private readonly GatewayProxy _gateway;
    private readonly long _generation = SiloAddress.NewGeneration();
    private ConnectionListener? _siloListener;
    private ConnectionListener? _gatewayListener;
    private int _status = (int)SiloStatus.Created;

    public Silo(
        IServiceProvider services,
        IOptions<SiloOptions> siloOptions,
        IOptions<MessagingOptions> messagingOptions,
        IOptions<GrainCollectionOptions> collectionOptions,
        IOptions<EndpointOptions> endpointOptions,
        IOptions<ClusterMembershipOptions> membershipOptions,
        IMembershipTable membershipTable,
        IGrainDirectory directory,
        IEnumerable<SerializerConfiguration> serializerConfiguration,
        ILoggerFactory loggerFactory,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentNullException.ThrowIfNull(messagingOptions);
        ArgumentNullException.ThrowIfNull(collectionOptions);
        ArgumentNullException.ThrowIfNull(endpointOptions);
        ArgumentNullException.ThrowIfNull(membershipOptions);
        Services = services;
        Options = siloOptions.Value;
        _messaging = messagingOptions.Value;
        _endpoints = endpointOptions.Value;
        _membershipOptions = membershipOptions.Value;
        CollectionOptions = collectionOptions.Value;
        LoggerFactory = loggerFactory;
        Directory = directory;
        _lifetime = lifetime;
        _logger = loggerFactory.CreateLogger<Silo>();
        Serializer = new GrainSerializer(this, serializerConfiguration.Select(c => c.Configure));
        Activator = new GrainActivator(Serializer);
        Catalog = new ActivationCatalog(this);
        PendingCalls = new PendingCallTable(() => Serializer, loggerFactory.CreateLogger<PendingCallTable>());
        Client = new ClusterClient(this, services);
        _collector = new ActivationCollector(this, loggerFactory.CreateLogger<ActivationCollector>());
        _membership = new MembershipAgent(membershipTable, _membershipOptions, loggerFactory.CreateLogger<MembershipAgent>());
        Locator = new GrainLocator(directory, _membership);
        _codec = new MessageCodec(Serializer, PendingCalls.FindMethod);
        _connections = new SiloConnections(
            new ConnectionDialer(Preamble, _membershipOptions.OpenConnectionTimeout, loggerFactory), _codec, this,
            _membershipOptions.MaxFrameBytes, loggerFactory);
        _gateway = new GatewayProxy(this, _codec, _membershipOptions.MaxFrameBytes, loggerFactory);
    }

    public string Name => Options.SiloName;

    public SiloOptions Options { get; }

    public SiloStatus Status => (SiloStatus)Volatile.Read(ref _status);

    /// <summary>This silo's address (endpoint and generation); valid once started.</summary>
    public SiloAddress Address { get; private set; }

    /// <summary>The port external clients connect to; null when this silo is not a gateway.</summary>
    public int? GatewayPort => _gatewayListener?.BoundEndPoint?.Port;

    /// <summary>The co-hosted client: grain references created here are routed by this silo.</summary>
    public IClusterClient Client { get; }

    public IGrainFactory GrainFactory => Client;

    public GrainSerializer Serializer { get; }

    /// <summary>Number of live activations (stateless workers counted one by one).</summary>
    public int ActivationCount => Catalog.Activations.Count();

    /// <summary>The membership view this silo currently acts on.</summary>
    public MembershipSnapshot MembershipView => _membership.View;

    /// <summary>Grain ids with a live activation on this silo (tests and diagnostics).</summary>
    public IReadOnlyList<GrainId> ActiveGrainIds => [.. Catalog.Activations.Where(a => a.State is ActivationState.Valid or ActivationState.Activating).Select(a => a.GrainId).Distinct()];

    /// <summary>Raised when the silo stops serving because it lost its lease (it then asks its host to stop).</summary>
    public event Action<string>? LeaseLost;

    internal IServiceProvider Services { get; }
    internal GrainCollectionOptions CollectionOptions { get; }
    internal ILoggerFactory LoggerFactory { get; }
    internal GrainActivator Activator { get; }
    internal ActivationCatalog Catalog { get; }
    internal PendingCallTable PendingCalls { get; }
    internal ActivationCollector Collector => _collector;
    internal IGrainDirectory Directory { get; }
    internal GrainLocator Locator { get; }
    internal MembershipAgent Membership => _membership;
    internal SiloConnections Connections => _connections;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Status != SiloStatus.Created)
        {
            throw new InvalidOperationException($"Silo {Name} was already started.");
        }

        GrainManifest.AddLoadedAssemblies();
        var host = IPAddress.TryParse(_endpoints.AdvertisedHost, out var ip) ? ip : IPAddress.Loopback;
        var bindAddress = IPAddress.IsLoopback(host) ? host : IPAddress.Any;
        _siloListener = new ConnectionListener(new IPEndPoint(bindAddress, _endpoints.SiloPort), Preamble, false, OnSiloConnection, LoggerFactory);
        await _siloListener.StartAsync(cancellationToken).ConfigureAwait(false);
        Address = new SiloAddress(_endpoints.AdvertisedHost, _siloListener.BoundEndPoint!.Port, _generation);
        if (_endpoints.GatewayPort is { } gatewayPort)
        {
            _gatewayListener = new ConnectionListener(new IPEndPoint(bindAddress, gatewayPort), Preamble, true, _gateway.Adopt, LoggerFactory);
            await _gatewayListener.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        _membership.LeaseLost += OnLeaseLost;
        _membership.ViewChanged += OnViewChanged;
        await Directory.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _membership.JoinAsync(new MembershipEntry
        {
            Address = Address,
            SiloName = Name,
            Status = SiloLifecycleStatus.Joining,
            GatewayPort = GatewayPort ?? 0,
            Roles = [.. _membershipOptions.Roles],
        }, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _status, (int)SiloStatus.Running);
        await _membership.SetStatusAsync(SiloLifecycleStatus.Active, cancellationToken).ConfigureAwait(false);
        _collector.Start();
        _logger.LogInformation(
            "Silo {SiloName} ({SiloAddress}) started in cluster {ClusterId}: gateway port {GatewayPort}, roles [{Roles}], {GrainClassCount} grain classes.",
            Name, Address, Options.ClusterId, GatewayPort, string.Join(", ", _membershipOptions.Roles), GrainManifest.Classes.Count);
    }

    private ConnectionPreamble Preamble() =>
        new(WireFormat.ProtocolVersion, PeerKind.Silo, Options.ClusterId, Address == default ? $"{_endpoints.AdvertisedHost}:0@{_generation}" : Address.ToString());

    private void OnSiloConnection(ConnectionContext context, ConnectionPreamble peer) => _connections.Adopt(context, peer);

    /// <summary>
    /// Graceful stop: leave placement (ShuttingDown), stop admitting new work, let turns in flight finish, deactivate
    /// every activation (OnDeactivateAsync runs, directory entries are released), then leave the membership.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, (int)SiloStatus.Stopping, (int)SiloStatus.Running) != (int)SiloStatus.Running)
        {
            return;
        }

        _logger.LogInformation("Silo {SiloName} stopping: deactivating {Count} activations.", Name, ActivationCount);
        await TryAsync(() => _membership.SetStatusAsync(SiloLifecycleStatus.ShuttingDown, cancellationToken), "leaving placement").ConfigureAwait(false);
        await _collector.DisposeAsync().ConfigureAwait(false);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var activations = Catalog.Activations.ToList();
        foreach (var activation in activations)
        {
            activation.Deactivate(reason);
        }

        await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await TryAsync(() => _membership.SetStatusAsync(SiloLifecycleStatus.Dead, cancellationToken), "leaving the membership").ConfigureAwait(false);
        await ShutDownTransportAsync().ConfigureAwait(false);
        Volatile.Write(ref _status, (int)SiloStatus.Stopped);
        _logger.LogInformation("Silo {SiloName} stopped.", Name);
    }

    /// <summary>
    /// Abrupt stop, as if the process died: sockets are dropped, the lease is no longer renewed, activations are
    /// abandoned without OnDeactivateAsync, and neither the directory nor the membership table is told anything.
    /// </summary>
    public async Task KillAsync()
    {
        var previous = (SiloStatus)Interlocked.Exchange(ref _status, (int)SiloStatus.Dead);
        if (previous is SiloStatus.Dead or SiloStatus.Stopped)
        {
            return;
        }

        _logger.LogWarning("Silo {SiloName} ({SiloAddress}) killed.", Name, Address);
        await AbandonAsync().ConfigureAwait(false);
    }

    private void OnLeaseLost(string reason)
    {
        var previous = (SiloStatus)Interlocked.Exchange(ref _status, (int)SiloStatus.Dead);
        if (previous is SiloStatus.Dead or SiloStatus.Stopped)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await AbandonAsync().ConfigureAwait(false);
            LeaseLost?.Invoke(reason);
            _lifetime?.StopApplication();
        });
    }

    private async Task AbandonAsync()
    {
        await _membership.DisposeAsync().ConfigureAwait(false);
        foreach (var activation in Catalog.Activations.ToList())
        {
            activation.Abandon();
        }

        await _collector.DisposeAsync().ConfigureAwait(false);
        await ShutDownTransportAsync().ConfigureAwait(false);
    }

    private async Task ShutDownTransportAsync()
    {
        if (_gatewayListener is not null)
        {
            await _gatewayListener.DisposeAsync().ConfigureAwait(false);
        }

        if (_siloListener is not null)
        {
            await _siloListener.DisposeAsync().ConfigureAwait(false);
        }

        await _gateway.DisposeAsync().ConfigureAwait(false);
        await _connections.DisposeAsync().ConfigureAwait(false);
        await _membership.DisposeAsync().ConfigureAwait(false);
        await PendingCalls.DisposeAsync().ConfigureAwait(false);
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Silo {SiloName}: {What} failed: {Error}", Name, what, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Status == SiloStatus.Running)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else if (Status == SiloStatus.Created)
        {
            await PendingCalls.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal TimeSpan CollectionAgeFor(GrainClassDescriptor grainClass) =>
        CollectionOptions.ClassSpecificCollectionAge.TryGetValue(grainClass.GrainType, out var byType) ? byType
        : CollectionOptions.ClassSpecificCollectionAge.TryGetValue(grainClass.ClassType.FullName ?? "", out var byName) ? byName
        : grainClass.CollectionAge ?? CollectionOptions.CollectionAge;

    private bool IsServing => Status is SiloStatus.Running or SiloStatus.Stopping;

    // ---- outgoing ----------------------------------------------------------------------------------------------

    Task<object?> IGrainCallSender.SendRequestAsync(GrainReference target, GrainRequest request, CancellationToken cancellationToken) =>
        SendRequestAsync(target.GrainId, request, cancellationToken, out _);

    internal Task<object?> SendRequestAsync(GrainId target, GrainRequest request, CancellationToken cancellationToken, out long correlationId)
    {
        correlationId = 0;
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        var message = CreateRequest(target, request, MessageDirection.Request, out var timeout);
        correlationId = message.CorrelationId;
        var completion = PendingCalls.Register(message, timeout);
        if (cancellationToken.CanBeCanceled)
        {
            PendingCalls.AttachCancellation(message.CorrelationId, cancellationToken.Register(() => CancelCall(message)));
        }

        Route(message);
        return completion;
    }

    void IGrainCallSender.SendOneWay(GrainReference target, GrainRequest request) =>
        Route(CreateRequest(target.GrainId, request, MessageDirection.OneWay, out _));

    internal void CancelCall(Message request)
    {
        if (request.SentTo is { } remote)
        {
            var cancel = new Message { Direction = MessageDirection.Cancel, CorrelationId = request.CorrelationId, Target = request.Target, OriginSilo = Address };
            _ = SendQuietlyAsync(remote, cancel);
        }
        else
        {
            Catalog.Cancel(request.Target, request.CorrelationId);
        }
    }

    private Message CreateRequest(GrainId target, GrainRequest request, MessageDirection direction, out TimeSpan timeout)
    {
        var method = request.Method;
        if ((method.Flags & GrainMethodFlags.CopyArguments) != 0)
        {
            request = (GrainRequest)Serializer.DeepCopy(request, request.GetType())!;
        }

        timeout = method.ResponseTimeout ?? _messaging.ResponseTimeout;

        // A one-way caller waits for nothing, so it cannot be part of a wait cycle: its message starts a new chain
        // (inheriting it would make the callee's calls back into a still-busy caller look like a cycle).
        var chain = direction == MessageDirection.OneWay ? CallChain.New() : CallContext.ForOutgoingCall();
        return new Message
        {
            Direction = direction,
            CorrelationId = PendingCalls.NextCorrelationId(),
            Target = target,
            Sender = chain.Path.IsDefaultOrEmpty ? null : chain.Path[^1],
            Request = request,
            Chain = chain,
            DeadlineMs = Environment.TickCount64 + (long)timeout.TotalMilliseconds,
        };
    }

    /// <summary>Sends a request (new, forwarded, or left over from a deactivated activation) to where its grain lives or will be placed.</summary>
    internal void Route(Message message)
    {
        if (!IsServing)
        {
            Reject(message, new GrainCallRejectedException($"Silo {Name} is {Status.ToString().ToLowerInvariant()} and does not accept requests for {message.Target}."));
            return;
        }

        var grainClass = GrainManifest.FindClass(message.Target.Type);
        if (grainClass is null)
        {
            Reject(message, new GrainCallRejectedException($"Grain type '{message.Target.Type}' is not hosted by silo {Name}."));
            return;
        }

        if (grainClass.IsStatelessWorker || Catalog.Find(message.Target) is not null)
        {
            DeliverLocal(message);
            return;
        }

        if (Locator.TryGetCached(message.Target, out var cached))
        {
            SendTo(cached, message);
            return;
        }

        _ = RouteAfterLookupAsync(message, grainClass);
    }

    private async Task RouteAfterLookupAsync(Message message, GrainClassDescriptor grainClass)
    {
        SiloAddress silo;
        try
        {
            using var timeout = new CancellationTokenSource(_messaging.ResponseTimeout);
            silo = await Locator.LocateAsync(message.Target, grainClass, Address, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Reject(message, ex is SiloUnavailableException ? ex : new SiloUnavailableException($"Locating grain {message.Target} failed: {ex.Message}"));
            return;
        }

        SendTo(silo, message);
    }

    private void SendTo(SiloAddress silo, Message message)
    {
        if (silo == Address)
        {
            DeliverLocal(message);
            return;
        }

        message.SentTo = silo;
        _ = SendToRemoteAsync(silo, message);
    }

    private async Task SendToRemoteAsync(SiloAddress silo, Message message)
    {
        try
        {
            await _connections.SendAsync(silo, message).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            // Never sent, so trying another location cannot run it twice: look it up again (at most two more hops).
            Locator.MarkUnreachable(silo);
            message.SentTo = null;
            if (message.ForwardCount < 2 && IsServing)
            {
                _logger.LogDebug("Silo {Silo} is unreachable for {Message} ({Error}); locating the grain again.", silo, message, ex.Message);
                Forward(message, null);
                return;
            }

            Reject(message, ex as SiloUnavailableException ?? new SiloUnavailableException($"Silo {silo} is unreachable ({ex.Message}); the request was not sent."));
        }
    }

    private async Task SendQuietlyAsync(SiloAddress silo, Message message)
    {
        try
        {
            await _connections.SendAsync(silo, message).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            _logger.LogDebug("Could not send {Message} to {Silo}: {Error}", message, silo, ex.Message);
        }
    }

    /// <summary>What a send to another silo can fail with: the message did not go out, and the caller is told so.</summary>
    private static bool IsSendFailure(Exception ex) =>
        ex is SiloUnavailableException or ConnectionRefusedException or ObjectDisposedException or MalformedFrameException or IOException;

    private void DeliverLocal(Message message)
    {
        if (!IsServing)
        {
            Reject(message, new GrainCallRejectedException($"Silo {Name} is {Status.ToString().ToLowerInvariant()} and does not accept requests for {message.Target}."));
            return;
        }

        if (Status == SiloStatus.Stopping && Catalog.Find(message.Target) is null
            && GrainManifest.FindClass(message.Target.Type) is { IsStatelessWorker: false })
        {
            Forward(message, null); // new activations go elsewhere while this silo drains
            return;
        }

        Catalog.Deliver(message);
    }

    /// <summary>
    /// Passes a request that was never run on to <paramref name="owner"/> (the silo that won the directory entry), or,
    /// with no owner, to wherever placement puts it now. At most two forwards, then the caller gets a rejection.
    /// </summary>
    internal void Forward(Message message, GrainAddress? owner)
    {
        if (message.ForwardCount >= 2)
        {
            Reject(message, new GrainCallRejectedException($"Request for {message.Target} was forwarded {message.ForwardCount} times without finding its activation; it was not run."));
            return;
        }

        var forwarded = message.Forwarded();
        if (owner is not null && owner.Silo != Address)
        {
            Locator.Remember(owner.GrainId, owner.Silo);
            SendTo(owner.Silo, forwarded);
            return;
        }

        Locator.Forget(message.Target);
        var grainClass = GrainManifest.FindClass(message.Target.Type)!;
        _ = ForwardAfterPlacementAsync(forwarded, grainClass);
    }

    private async Task ForwardAfterPlacementAsync(Message message, GrainClassDescriptor grainClass)
    {
        try
        {
            var silo = await Locator.LocateAsync(message.Target, grainClass, Address, CancellationToken.None).ConfigureAwait(false);
            if (silo == Address && Status != SiloStatus.Running)
            {
                throw new SiloUnavailableException($"Silo {Name} is stopping and no other silo can take grain {message.Target}.");
            }

            SendTo(silo, message);
        }
        catch (Exception ex)
        {
            Reject(message, ex is SiloUnavailableException ? ex : new SiloUnavailableException($"Locating grain {message.Target} failed: {ex.Message}"));
        }
    }

    private void Reject(Message message, Exception error) => SendResponse(message, Response.Rejected(error));

    /// <summary>Completes the caller's pending call: here, or on the origin silo over TCP.</summary>
    internal void SendResponse(Message request, Response response)
    {
        if (request.Direction != MessageDirection.Request)
        {
            return;
        }

        if (request.OriginSilo is not { } origin || origin == Address)
        {
            PendingCalls.Complete(request.CorrelationId, response);
            return;
        }

        var message = new Message { Direction = MessageDirection.Response, CorrelationId = request.CorrelationId, Target = request.Target, Response = response };
        _ = SendQuietlyAsync(origin, message);
    }

    // ---- incoming ----------------------------------------------------------------------------------------------

    void IConnectionOwner.OnMessage(Connection connection, Message message, Exception? refusal)
    {
        switch (message.Direction)
        {
            case MessageDirection.Request or MessageDirection.OneWay:
                if (refusal is not null)
                {
                    Reject(message, refusal);
                }
                else if (!IsServing)
                {
                    Reject(message, new GrainCallRejectedException($"Silo {Name} is {Status.ToString().ToLowerInvariant()}; the request was not run."));
                }
                else
                {
                    DeliverLocal(message);
                }

                break;
            case MessageDirection.Response:
                if (connection.PeerSilo is { } from && message.Response?.Status == ResponseStatus.Success
                    && GrainManifest.FindClass(message.Target.Type) is { IsStatelessWorker: false })
                {
                    Locator.Remember(message.Target, from);
                }

                PendingCalls.Complete(message.CorrelationId, message.Response!);
                break;
            case MessageDirection.Cancel:
                Catalog.Cancel(message.Target, message.CorrelationId);
                break;
        }
    }

    void IConnectionOwner.OnNotSent(Connection connection, Message message, Exception error)
    {
        if (message.Direction is MessageDirection.Request or MessageDirection.OneWay)
        {
            Reject(message, error is SiloUnavailableException ? error : new GrainCallRejectedException($"The request could not be sent: {error.Message}"));
        }
        else if (message.Direction == MessageDirection.Response && message.Response?.Status == ResponseStatus.Success)
        {
            // The result could not be serialized: the caller still deserves an answer.
            var failed = new Message
            {
                Direction = MessageDirection.Response,
                CorrelationId = message.CorrelationId,
                Target = message.Target,
                Response = Response.Failed(new InvalidOperationException($"The result could not be sent: {error.Message}")),
            };
            connection.TrySend(failed);
        }
    }

    void IConnectionOwner.OnClosed(Connection connection, Exception? error)
    {
        if (connection.PeerSilo is { } peer)
        {
            PendingCalls.FailWhere(m => m.SentTo == peer, () => new SiloUnavailableException(
                $"The connection to silo {peer} was lost ({error?.Message ?? "closed"}); the outcome of the call is unknown."));
        }
    }

    private void OnViewChanged(MembershipSnapshot view)
    {
        foreach (var entry in view.Entries)
        {
            if (entry.Status == SiloLifecycleStatus.Dead && entry.Address != Address)
            {
                var dead = entry.Address;
                Locator.ForgetSilo(dead);
                _connections.Drop(dead);
                PendingCalls.FailWhere(m => m.SentTo == dead, () => new SiloUnavailableException(
                    $"Silo {dead} was declared dead; the outcome of the call is unknown."));
            }
        }
    }

    // ---- references --------------------------------------------------------------------------------------------

    GrainReference IGrainCallSender.CreateReference(GrainId grainId, GrainInterfaceDescriptor interfaceDescriptor) =>
        CreateReference(grainId, interfaceDescriptor);

    internal GrainReference CreateReference(GrainId grainId, GrainInterfaceDescriptor interfaceDescriptor)
    {
        var shared = _shared.GetOrAdd(interfaceDescriptor, static (d, self) => new GrainReferenceShared(d, self), this);
        return interfaceDescriptor.ProxyFactory(shared, grainId);
    }

    /// <summary>Waits until no activation of <paramref name="grainId"/> is live on this silo (tests and diagnostics).</summary>
    public async Task WaitForDeactivationAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        while (Catalog.Find(grainId) is { } target)
        {
            var activations = target.Activations.ToList();
            if (activations.Count == 0)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one idle-collection scan now instead of waiting for the next quantum.</summary>
    public int CollectIdleActivations() => _collector.CollectOnce();

    /// <summary>Test hook: stop renewing the lease and stop noticing, like a process frozen by a long pause.</summary>
    internal void FreezeMembership() => _membership.Freeze();

    internal void UnfreezeMembership() => _membership.Unfreeze();
}

/// <summary>An application's adjustment of the runtime's JSON options (converters, source-generated contexts).</summary>
public sealed record SerializerConfiguration(Action<System.Text.Json.JsonSerializerOptions> Configure);
