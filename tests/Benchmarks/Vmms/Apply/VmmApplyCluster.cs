using System.Globalization;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;

namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>
/// A one-silo Orleans <see cref="TestCluster"/> with the control plane's grains (<c>AddControlPlane</c>: both test
/// sleds on the silo, millisecond VMM timings, a 1 ms reboot), and the default store wrapped in a
/// <see cref="SignallingGrainStorage"/>. The backend is the in-memory default, or PostgreSQL (ADO.NET storage on the
/// project's schema, migrated at start) when a connection string is given.
/// </summary>
public sealed class VmmApplyCluster : IAsyncDisposable
{
    /// <summary>How long the simulated reboot takes: the second (automatic) change of every measured cycle.</summary>
    public static readonly TimeSpan RebootDuration = TimeSpan.FromMilliseconds(1);

    private readonly TestCluster cluster;

    private VmmApplyCluster(TestCluster cluster)
    {
        this.cluster = cluster;
        Grains = ((InProcessSiloHandle)cluster.Primary!).ServiceProvider.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The silo's hosted client: the benchmark calls grains from inside the silo, as the sled grain itself does.</summary>
    public IGrainFactory Grains { get; }

    /// <param name="postgresConnectionString">Null for the in-memory default.</param>
    /// <param name="watcherPeriod">The instance watcher's period (the polling baseline's interval; an hour elsewhere, so it never interferes).</param>
    public static async Task<VmmApplyCluster> StartAsync(string? postgresConnectionString, TimeSpan watcherPeriod)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddControlPlane(postgresConnectionString, new Dictionary<string, string?>
        {
            [ControlPlaneTestSettings.SledCpus] = "128",
            ["Vmms:RebootDuration"] = RebootDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Vmms:WatcherPeriod"] = watcherPeriod.ToString("c", CultureInfo.InvariantCulture),
        });
        builder.AddSiloBuilderConfigurator<SignallingStorageConfigurator>();
        var testCluster = builder.Build();
        try
        {
            await testCluster.DeployAsync();
            var started = new VmmApplyCluster(testCluster);
            await Until(async () => (await started.Grains.GetGrain<ISledInventoryGrain>(0).List()).Count == 2, "both sleds announced");
            return started;
        }
        catch
        {
            await testCluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates and starts <paramref name="count"/> one-CPU instances and returns their running VMMs once the Nexus side
    /// has persisted the sled's current generation; with <paramref name="dropDoorbells"/> their sleds stop ringing.
    /// </summary>
    public async Task<VmmApplyTarget[]> RunningVmmsAsync(string prefix, int count, bool dropDoorbells) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var id = Guid.NewGuid();
            var instance = Grains.GetGrain<IInstanceGrain>(id);
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}");
            await instance.Create(new InstanceCreateRequest
            {
                Name = name,
                Start = true,
                AutoRestartPolicy = AutoRestartPolicy.Never,
                Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = name, Ncpus = 1, MemoryMib = 1024 }),
            });
            InstanceView? view = null;
            await Until(async () => (view = await instance.Find()) is { RunState: InstanceRunState.Running, ActiveVmmId: not null, SledId: not null }, $"{name} running");
            var target = new VmmApplyTarget(view!.ActiveVmmId!.Value, view.SledId!.Value);
            var sled = Grains.GetSledVmm(target.SledId, target.VmmId);
            var vmm = Grains.GetGrain<IVmmGrain>(target.VmmId);
            await Until(async () => (await sled.GetStateV2())?.VmmState.Gen == (await vmm.Get())?.Generation, $"{name} in sync");
            if (dropDoorbells)
            {
                await sled.InjectFault(VmmFault.DropDoorbells);
            }

            return target;
        }));

    /// <summary>Polls a setup condition (never a measurement); the bound only turns a hang into an error.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never became {what}.");
            }

            await Task.Delay(2);
        }
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
