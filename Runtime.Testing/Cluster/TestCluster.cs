using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Testing;

/// <summary>
/// Silos hosted in the test process, driven the way Orleans' TestCluster is: build, deploy, get grains from
/// <see cref="Client"/>, assert, dispose. This version hosts silos in process with the embedded
/// (in-memory) backend; each silo is a full generic host with its own services.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<SiloHandle> _silos = [];
    private int _nextSilo;

    internal TestCluster(TestClusterOptions options) => _options = options;

    public IReadOnlyList<SiloHandle> Silos => _silos;

    public SiloHandle Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("The cluster has not been deployed.");

    /// <summary>A client connected to the cluster (the primary silo's co-hosted client).</summary>
    public IClusterClient Client => Primary.Silo.Client;

    public IGrainFactory GrainFactory => Client;

    public async Task DeployAsync()
    {
        if (_options.InitialSilosCount != 1)
        {
            throw new NotSupportedException("This TestCluster hosts one in-process silo; multi-silo clusters need the TCP transport.");
        }

        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartSiloAsync().ConfigureAwait(false);
        }
    }

    private async Task<SiloHandle> StartSiloAsync()
    {
        var name = $"{_options.ClusterId}-silo{_nextSilo++}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(_options.MinimumLogLevel);
        builder.UseControlPlaneSilo(silo =>
        {
            silo.Configure<SiloOptions>(o =>
            {
                o.ClusterId = _options.ClusterId;
                o.SiloName = name;
            });
            silo.AddMemoryGrainStorageAsDefault();
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
        await host.StartAsync().ConfigureAwait(false);
        var handle = new SiloHandle(name, host);
        _silos.Add(handle);
        return handle;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate (OnDeactivateAsync runs).</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await silo.Host.StopAsync().ConfigureAwait(false);
        silo.Host.Dispose();
        _silos.Remove(silo);
    }

    public async Task StopAllSilosAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await StopSiloAsync(silo).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAllSilosAsync().ConfigureAwait(false);
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class SiloHandle(string name, IHost host)
{
    public string Name { get; } = name;

    public IHost Host { get; } = host;

    public Silo Silo => Host.Services.GetRequiredService<Silo>();

    public IServiceProvider Services => Host.Services;

    public override string ToString() => Name;
}

/// <summary>What a <see cref="TestClusterBuilder"/> collects.</summary>
public sealed class TestClusterOptions
{
    public int InitialSilosCount { get; set; } = 1;

    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

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

    public TestCluster Build() => new(_options);
}

/// <summary>A reusable silo configuration, as in Orleans' TestingHost.</summary>
public interface ISiloConfigurator
{
    void Configure(ISiloBuilder siloBuilder);
}
