using System.Globalization;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Testing;
using ControlPlane.Grains.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;

namespace ControlPlane.Grains.Tests.Vmms;

/// <summary>
/// A one-silo Orleans TestCluster (the public <see cref="ControlPlaneSiloConfigurator"/>: both test sleds, millisecond
/// timings, a watcher that only runs when asked), with polling helpers.
/// </summary>
internal sealed class VmmCluster : IAsyncDisposable
{
    public static readonly Guid SledA = TestSleds.A;
    public static readonly Guid SledB = TestSleds.B;

    private VmmCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts a cluster; each option overrides one <see cref="Grains.Vmms.VmmOptions"/> property ("Vmms:&lt;name&gt;").</summary>
    public static Task<VmmCluster> StartAsync(params (string Option, object Value)[] options) => StartAsync(16, options);

    public static async Task<VmmCluster> StartAsync(int sledCpus, params (string Option, object Value)[] options)
    {
        var settings = new Dictionary<string, string?>
        {
            [ControlPlaneTestSettings.SledCpus] = sledCpus.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (option, value) in options)
        {
            settings[$"Vmms:{option}"] = value is TimeSpan span ? span.ToString("c", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        var builder = new TestClusterBuilder(1).AddControlPlane(settings: settings);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var vmmCluster = new VmmCluster(cluster);
        await vmmCluster.Until(async () => (await vmmCluster.Client.GetGrain<Abstractions.Sleds.ISledInventoryGrain>(0).List()).Count == 2, "sleds announced");
        return vmmCluster;
    }

    /// <summary>The primary silo's storage faults (fail chosen grain-state writes).</summary>
    public StorageFaults StorageFaults => SiloServices.GetRequiredService<StorageFaults>();

    /// <summary>The primary silo's call faults (fail chosen incoming grain calls, e.g. a sled VMM's Register).</summary>
    public GrainCallFaults CallFaults => SiloServices.GetRequiredService<GrainCallFaults>();

    /// <summary>The primary silo's reminder table (in memory here): which grains hold which reminders.</summary>
    public Orleans.IReminderTable Reminders => SiloServices.GetRequiredService<Orleans.IReminderTable>();

    private IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

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
