using System.Collections.Concurrent;
using ControlPlane.Runtime.Activation;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Serialization;
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
}

/// <summary>
/// A silo: hosts activations, admits and routes messages, and keeps the calls it sent until their responses
/// arrive. This is the single-process core; hosting, transport and membership plug in around it.
/// </summary>
public sealed class Silo : IGrainCallSender, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainInterfaceDescriptor, GrainReferenceShared> _shared = new();
    private readonly MessagingOptions _messaging;
    private readonly ILogger<Silo> _logger;
    private readonly ActivationCollector _collector;
    private int _status = (int)SiloStatus.Created;

    public Silo(
        IServiceProvider services,
        IOptions<SiloOptions> siloOptions,
        IOptions<MessagingOptions> messagingOptions,
        IOptions<GrainCollectionOptions> collectionOptions,
        IEnumerable<SerializerConfiguration> serializerConfiguration,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentNullException.ThrowIfNull(messagingOptions);
        ArgumentNullException.ThrowIfNull(collectionOptions);
        Services = services;
        Options = siloOptions.Value;
        _messaging = messagingOptions.Value;
        CollectionOptions = collectionOptions.Value;
        LoggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Silo>();
        Serializer = new GrainSerializer(this, serializerConfiguration.Select(c => c.Configure));
        Activator = new GrainActivator(Serializer);
        Catalog = new ActivationCatalog(this);
        PendingCalls = new PendingCallTable(() => Serializer, loggerFactory.CreateLogger<PendingCallTable>());
        Client = new ClusterClient(this, services);
        _collector = new ActivationCollector(this, loggerFactory.CreateLogger<ActivationCollector>());
    }

    public string Name => Options.SiloName;

    public SiloOptions Options { get; }

    public SiloStatus Status => (SiloStatus)Volatile.Read(ref _status);

    /// <summary>The co-hosted client: grain references created here call this silo in process.</summary>
    public IClusterClient Client { get; }

    public IGrainFactory GrainFactory => Client;

    public GrainSerializer Serializer { get; }

    /// <summary>Number of live activations (stateless workers counted one by one).</summary>
    public int ActivationCount => Catalog.Activations.Count();

    internal IServiceProvider Services { get; }
    internal GrainCollectionOptions CollectionOptions { get; }
    internal ILoggerFactory LoggerFactory { get; }
    internal GrainActivator Activator { get; }
    internal ActivationCatalog Catalog { get; }
    internal PendingCallTable PendingCalls { get; }
    internal ActivationCollector Collector => _collector;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, (int)SiloStatus.Running, (int)SiloStatus.Created) != (int)SiloStatus.Created)
        {
            throw new InvalidOperationException($"Silo {Name} was already started.");
        }

        GrainManifest.AddLoadedAssemblies();
        _collector.Start();
        _logger.LogInformation("Silo {SiloName} started in cluster {ClusterId} hosting {GrainClassCount} grain classes.",
            Name, Options.ClusterId, GrainManifest.Classes.Count);
        return Task.CompletedTask;
    }

    /// <summary>Graceful stop: no new activations, every activation deactivated (OnDeactivateAsync runs), pending calls failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _status, (int)SiloStatus.Stopping, (int)SiloStatus.Running) != (int)SiloStatus.Running)
        {
            return;
        }

        _logger.LogInformation("Silo {SiloName} stopping: deactivating {Count} activations.", Name, ActivationCount);
        await _collector.DisposeAsync().ConfigureAwait(false);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
        var activations = Catalog.Activations.ToList();
        foreach (var activation in activations)
        {
            activation.Deactivate(reason);
        }

        await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await PendingCalls.DisposeAsync().ConfigureAwait(false);
        Volatile.Write(ref _status, (int)SiloStatus.Stopped);
        _logger.LogInformation("Silo {SiloName} stopped.", Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Status == SiloStatus.Running)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal TimeSpan CollectionAgeFor(GrainClassDescriptor grainClass) =>
        CollectionOptions.ClassSpecificCollectionAge.TryGetValue(grainClass.GrainType, out var byType) ? byType
        : CollectionOptions.ClassSpecificCollectionAge.TryGetValue(grainClass.ClassType.FullName ?? "", out var byName) ? byName
        : grainClass.CollectionAge ?? CollectionOptions.CollectionAge;

    /// <summary>Routes a request to its activation (activating the grain if needed).</summary>
    internal void Deliver(Message message)
    {
        var status = Status;
        if (status == SiloStatus.Running || (status == SiloStatus.Stopping && Catalog.Find(message.Target) is not null))
        {
            Catalog.Deliver(message);
            return;
        }

        SendResponse(message, Response.Rejected(new GrainCallRejectedException(
            $"Silo {Name} is {status.ToString().ToLowerInvariant()} and does not accept new requests for {message.Target}.")));
    }

    internal void SendResponse(Message request, Response response)
    {
        if (request.Direction == MessageDirection.Request)
        {
            PendingCalls.Complete(request.CorrelationId, response);
        }
    }

    Task<object?> IGrainCallSender.SendRequestAsync(GrainReference target, GrainRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        var message = CreateRequest(target, request, MessageDirection.Request, out var timeout);
        var completion = PendingCalls.Register(message, timeout);
        if (cancellationToken.CanBeCanceled)
        {
            var targetId = target.GrainId;
            var correlationId = message.CorrelationId;
            PendingCalls.AttachCancellation(correlationId, cancellationToken.Register(() => Catalog.Cancel(targetId, correlationId)));
        }

        Deliver(message);
        return completion;
    }

    void IGrainCallSender.SendOneWay(GrainReference target, GrainRequest request) =>
        Deliver(CreateRequest(target, request, MessageDirection.OneWay, out _));

    private Message CreateRequest(GrainReference target, GrainRequest request, MessageDirection direction, out TimeSpan timeout)
    {
        var method = request.Method;
        if ((method.Flags & GrainMethodFlags.CopyArguments) != 0)
        {
            request = (GrainRequest)Serializer.DeepCopy(request, request.GetType())!;
        }

        timeout = method.ResponseTimeout ?? _messaging.ResponseTimeout;
        var chain = CallContext.ForOutgoingCall();
        return new Message
        {
            Direction = direction,
            CorrelationId = PendingCalls.NextCorrelationId(),
            Target = target.GrainId,
            Sender = chain.Path.IsDefaultOrEmpty ? null : chain.Path[^1],
            Request = request,
            Chain = chain,
            DeadlineMs = Environment.TickCount64 + (long)timeout.TotalMilliseconds,
        };
    }

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
}

/// <summary>An application's adjustment of the runtime's JSON options (converters, source-generated contexts).</summary>
public sealed record SerializerConfiguration(Action<System.Text.Json.JsonSerializerOptions> Configure);
