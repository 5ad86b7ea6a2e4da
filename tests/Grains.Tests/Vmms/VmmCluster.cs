using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Vmms;
using ControlPlane.Runtime;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Testing;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Grains.Tests.Vmms;

/// <summary>A single-silo test cluster hosting two sleds, with millisecond timings and a watcher that only runs when asked.</summary>
internal sealed class VmmCluster : IAsyncDisposable
{
    public static readonly Guid SledA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid SledB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private VmmCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<VmmCluster> StartAsync(Action<VmmOptions>? configure = null, int sledCpus = 16)
    {
        var cluster = new TestClusterBuilder()
            .AddSiloBuilderConfigurator(silo => ConfigureSilo(silo, [SledA, SledB], configure, sledCpus))
            .Build();
        await cluster.DeployAsync();
        var vmmCluster = new VmmCluster(cluster);
        await vmmCluster.Until(async () => (await vmmCluster.Client.GetGrain<Abstractions.Sleds.ISledInventoryGrain>(0).List()).Count == 2, "sleds announced");
        return vmmCluster;
    }

    /// <summary>What every grain-test silo gets: spec families, the sleds it hosts (each 64 GiB), and millisecond VMM timings.</summary>
    public static void ConfigureSilo(ISiloBuilder silo, IReadOnlyList<Guid> sleds, Action<VmmOptions>? configure = null, int sledCpus = 16)
    {
        var settings = new Dictionary<string, string?> { ["Specs:EnabledFamilies"] = "Falcon, FailureInjection" };
        for (var i = 0; i < sleds.Count; i++)
        {
            settings[$"Sleds:{i}:id"] = sleds[i].ToString();
            settings[$"Sleds:{i}:cpus"] = sledCpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Sleds:{i}:memory_mib"] = "65536";
        }

        ((IConfigurationBuilder)silo.Configuration).AddInMemoryCollection(settings);
        silo.AddControlPlaneGrains();
        silo.Configure<VmmOptions>(o =>
        {
            o.BootDuration = TimeSpan.FromMilliseconds(20);
            o.StopDuration = TimeSpan.FromMilliseconds(20);
            o.RebootDuration = TimeSpan.FromMilliseconds(20);
            o.MigrationDuration = TimeSpan.FromMilliseconds(50);
            o.DoorbellRetryInitialDelay = TimeSpan.FromMilliseconds(10);
            o.DoorbellRetryMaxDelay = TimeSpan.FromMilliseconds(100);
            o.WatcherPeriod = TimeSpan.FromHours(1);
            o.AutoRestartCooldown = TimeSpan.Zero;
            configure?.Invoke(o);
        });
    }

    public IInstanceGrain Instance(Guid id) => Client.GetGrain<IInstanceGrain>(id);

    public IVmmGrain Vmm(Guid id) => Client.GetGrain<IVmmGrain>(id);

    public async Task<VmmView> VmmOf(Guid vmmId) => await Vmm(vmmId).Get() ?? throw new InvalidOperationException($"VMM {vmmId} unknown");

    public ISledVmmGrain SledVmm(Guid sledId, Guid vmmId) => Client.GetSledVmm(sledId, vmmId);

    public static InstanceCreateRequest Request(string name, bool start = true, AutoRestartPolicy policy = AutoRestartPolicy.BestEffort, int ncpus = 2) => new()
    {
        Name = name,
        Start = start,
        AutoRestartPolicy = policy,
        Spec = new InstanceSpecSource.Simple(new SimpleInstanceRequest { Name = name, Ncpus = ncpus, MemoryMib = 1024 }),
    };

    /// <summary>Creates and starts an instance and waits until it runs.</summary>
    public async Task<InstanceView> RunningInstance(string name, AutoRestartPolicy policy = AutoRestartPolicy.BestEffort)
    {
        var id = Guid.NewGuid();
        await Instance(id).Create(Request(name, policy: policy));
        return await UntilInstance(id, v => v.RunState == InstanceRunState.Running, "running");
    }

    public async Task<InstanceView> UntilInstance(Guid id, Func<InstanceView, bool> condition, string what)
    {
        InstanceView? last = null;
        await Until(async () => condition(last = (await Instance(id).Find())!), what, () => $"last: {last}");
        return last!;
    }

    public async Task<VmmView> UntilVmm(Guid vmmId, Func<VmmView, bool> condition, string what)
    {
        VmmView? last = null;
        await Until(async () => condition(last = await VmmOf(vmmId)), what, () => $"last: {last}");
        return last!;
    }

    /// <summary>Polls until the condition holds. The bound only turns a hang into a failure; nothing is asserted about time.</summary>
    public async Task Until(Func<Task<bool>> condition, string what, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never became {what}. {describe?.Invoke()}");
            }

            await Task.Delay(5);
        }
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
