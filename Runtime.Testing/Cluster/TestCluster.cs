using ControlPlane.Runtime.Client;
using ControlPlane.Runtime.Cluster;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Testing;

/// <summary>
/// Silos hosted in the test process, driven the way Orleans' TestCluster is: build, deploy, get grains from
/// <see cref="Client"/> (an external client over the silos' gateways), assert, dispose. Silos talk over loopback
/// TCP and share a backend: an <see cref="InMemoryCluster"/> by default, or PostgreSQL. Topology changes:
/// <see cref="StartAdditionalSiloAsync"/>, <see cref="StopSiloAsync"/> (graceful), <see cref="KillSiloAsync"/>
/// (abrupt), <see cref="RestartSiloAsync"/>.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<SiloHandle> _silos = [];
    private readonly List<SiloHandle> _killed = [];
    private GatewayClusterClient? _client;
    private int _nextSilo;

    internal TestCluster(TestClusterOptions options)
    {
        _options = options;
        InMemory = options.Backend is null ? new InMemoryCluster() : null;
    }

    /// <summary>The running silos, the first started first.</summary>
    public IReadOnlyList<SiloHandle> Silos => _silos;

    public SiloHandle Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("The cluster has no running silo.");

    /// <summary>The shared in-memory backend, or null when the cluster runs on PostgreSQL.</summary>
    public InMemoryCluster? InMemory { get; }

    public TestClusterOptions Options => _options;

    /// <summary>An external client connected through the silos' gateways, as an application outside the cluster would be.</summary>
    public IClusterClient Client => _client ?? throw new InvalidOperationException("The cluster has not been deployed.");

    public IGrainFactory GrainFactory => Client;

    public async Task DeployAsync()
    {
        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartSiloAsync().ConfigureAwait(false);
        }

        await WaitForLivenessToStabilizeAsync().ConfigureAwait(false); // every silo sees every other Active

        var membership = new RunningSiloMembership(this);
        var clientOptions = new GatewayClientOptions
        {
            ClusterId = _options.ClusterId,
            GatewayListRefreshPeriod = TimeSpan.FromMilliseconds(500),
            ResponseTimeout = _options.ResponseTimeout,
            DeadGatewayRetryDelay = TimeSpan.FromSeconds(1),
        };
        _client = new GatewayClusterClient(clientOptions, membership, Primary.Services, loggerFactory: Primary.Services.GetRequiredService<ILoggerFactory>());
        await _client.ConnectAsync().ConfigureAwait(false);
    }

    /// <summary>Starts one more silo and waits until it is Active.</summary>
    public Task<SiloHandle> StartAdditionalSiloAsync() => StartSiloAsync();

    private async Task<SiloHandle> StartSiloAsync(string? name = null)
    {
        name ??= $"{_options.ClusterId}-silo{_nextSilo++}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(_options.MinimumLogLevel);
        if (_options.MinimumLogLevel < LogLevel.None)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        var siloName = name;
        builder.UseControlPlaneSilo(silo =>
        {
            silo.Configure<SiloOptions>(o =>
            {
                o.ClusterId = _options.ClusterId;
                o.SiloName = siloName;
            });
            silo.ConfigureEndpoints(0, 0);
            silo.Configure<MessagingOptions>(o => o.ResponseTimeout = _options.ResponseTimeout);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.LeaseDuration = _options.LeaseDuration;
                o.LeaseRenewalInterval = _options.LeaseDuration / 5;
                o.ViewPollInterval = TimeSpan.FromMilliseconds(100);
            });
            if (_options.Backend is { } backend)
            {
                backend(silo);
            }
            else
            {
                silo.UseInMemoryClustering(InMemory);
            }

            foreach (var configurator in _options.SiloConfigurators)
            {
                configurator(silo);
            }
        });
        foreach (var configureServices in _options.ServiceConfigurators)
        {
            configureServices(builder.Services);
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            // A half-started silo must not linger (bound ports, a membership row): it dies like a crashed process.
            await host.Services.GetRequiredService<Silo>().KillAsync().ConfigureAwait(false);
            await DisposeHostAsync(host).ConfigureAwait(false);
            throw;
        }

        var handle = new SiloHandle(name, host);
        _silos.Add(handle);
        return handle;
    }

    /// <summary>Stops a silo gracefully: it leaves placement, its grains deactivate (OnDeactivateAsync runs), it leaves the membership.</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _silos.Remove(silo);
        try
        {
            await silo.Host.StopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out while grains were still deactivating: finish it as a kill.
            await silo.Silo.KillAsync().ConfigureAwait(false);
        }

        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills a silo as if its process died: sockets dropped, lease no longer renewed, nothing cleaned up (no
    /// OnDeactivateAsync, directory entries and membership row left behind for the others to take over).
    /// </summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _silos.Remove(silo);
        _killed.Add(silo);
        await silo.Silo.KillAsync().ConfigureAwait(false);
        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    /// <summary>Stops a silo gracefully and starts a new one with the same name (a new generation, new ports).</summary>
    public async Task<SiloHandle> RestartSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await StopSiloAsync(silo).ConfigureAwait(false);
        return await StartSiloAsync(silo.Name).ConfigureAwait(false);
    }

    /// <summary>Starts a new silo under a killed silo's name (a new generation), as a supervisor restarting a dead process would.</summary>
    public Task<SiloHandle> StartSiloLikeAsync(SiloHandle killed)
    {
        ArgumentNullException.ThrowIfNull(killed);
        return StartSiloAsync(killed.Name);
    }

    /// <summary>
    /// Waits until every running silo's view shows every running silo Active and every killed silo Dead (after a
    /// kill that takes about one lease, plus a renewal interval). Throws <see cref="TimeoutException"/> past <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? _options.LeaseDuration * 4 + TimeSpan.FromSeconds(5));
        while (true)
        {
            if (IsStable())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The cluster's membership views did not converge in time.");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private bool IsStable()
    {
        var running = _silos.Select(s => s.Silo.Address).ToHashSet();
        var killed = _killed.Select(s => s.Address).ToHashSet();
        foreach (var silo in _silos)
        {
            var view = silo.Silo.MembershipView;
            foreach (var address in running)
            {
                if (view.Find(address) is not { Status: SiloLifecycleStatus.Active })
                {
                    return false;
                }
            }

            foreach (var address in killed)
            {
                if (view.Find(address) is { IsLive: true })
                {
                    return false;
                }
            }
        }

        return true;
    }

    public async Task StopAllSilosAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await StopSiloAsync(silo).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        await StopAllSilosAsync().ConfigureAwait(false);
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }
}

/// <summary>
/// The client's read-only window on the membership table through whichever silo is running, so gateway discovery
/// survives the kill of the silo the client first asked (its connection pool dies with its host).
/// </summary>
internal sealed class RunningSiloMembership(TestCluster cluster) : IMembershipTable
{
    private IMembershipTable Current => cluster.Primary.Services.GetRequiredService<IMembershipTable>();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> ReadVersionAsync(CancellationToken cancellationToken) => Current.ReadVersionAsync(cancellationToken);

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) => Current.ReadAllAsync(cancellationToken);

    public Task JoinAsync(MembershipEntry entry, TimeSpan lease, CancellationToken cancellationToken) => throw new NotSupportedException("Clients do not join.");

    public Task<bool> RenewLeaseAsync(SiloAddress silo, TimeSpan lease, CancellationToken cancellationToken) => throw new NotSupportedException("Clients hold no lease.");

    public Task<bool> SetStatusAsync(SiloAddress silo, SiloLifecycleStatus status, CancellationToken cancellationToken) => throw new NotSupportedException("Clients do not change membership.");

    public Task<IReadOnlyList<SiloAddress>> DeclareExpiredDeadAsync(CancellationToken cancellationToken) => throw new NotSupportedException("Clients do not declare silos dead.");
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class SiloHandle(string name, IHost host)
{
    private readonly SiloAddress _address = host.Services.GetRequiredService<Silo>().Address;

    public string Name { get; } = name;

    public IHost Host { get; } = host;

    public Silo Silo => Host.Services.GetRequiredService<Silo>();

    /// <summary>The silo's address, still known after it was stopped or killed.</summary>
    public SiloAddress Address => _address;

    public IServiceProvider Services => Host.Services;

    public override string ToString() => $"{Name} ({_address})";
}

/// <summary>What a <see cref="TestClusterBuilder"/> collects.</summary>
public sealed class TestClusterOptions
{
    public int InitialSilosCount { get; set; } = 1;

    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Short leases make kills visible fast (default 4 s, renewed every fifth of it; long enough for a loaded 2-core CI machine).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Response timeout of the silos and of the client (Orleans' default is 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Configures membership, directory and storage (for example PostgreSQL); null means a shared in-memory backend.</summary>
    public Action<ISiloBuilder>? Backend { get; set; }

    internal List<Action<ISiloBuilder>> SiloConfigurators { get; } = [];

    internal List<Action<IServiceCollection>> ServiceConfigurators { get; } = [];
}

/// <summary>Builds a <see cref="TestCluster"/>; configure silos with <see cref="AddSiloBuilderConfigurator"/>.</summary>
public sealed class TestClusterBuilder
{
    private readonly TestClusterOptions _options = new();

    public TestClusterBuilder(int initialSilosCount = 1) => _options.InitialSilosCount = initialSilosCount;

    public TestClusterOptions Options => _options;

    public TestClusterBuilder AddSiloBuilderConfigurator(Action<ISiloBuilder> configure)
    {
        _options.SiloConfigurators.Add(configure);
        return this;
    }

    public TestClusterBuilder AddSiloBuilderConfigurator<TConfigurator>() where TConfigurator : ISiloConfigurator, new()
    {
        _options.SiloConfigurators.Add(silo => new TConfigurator().Configure(silo));
        return this;
    }

    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _options.ServiceConfigurators.Add(configure);
        return this;
    }

    /// <summary>Runs the silos on another backend (membership, directory, storage), for example PostgreSQL.</summary>
    public TestClusterBuilder UseBackend(Action<ISiloBuilder> backend)
    {
        _options.Backend = backend;
        return this;
    }

    /// <summary>Runs the silos on PostgreSQL: membership, directory and the default grain store (fenced writes) in one database.</summary>
    public TestClusterBuilder UsePostgres(string connectionString) =>
        UseBackend(silo => silo
            .UsePostgresClustering(o => o.ConnectionString = connectionString)
            .AddPostgresGrainStorageAsDefault());

    public TestCluster Build() => new(_options);
}

/// <summary>A reusable silo configuration, as in Orleans' TestingHost.</summary>
public interface ISiloConfigurator
{
    void Configure(ISiloBuilder siloBuilder);
}
