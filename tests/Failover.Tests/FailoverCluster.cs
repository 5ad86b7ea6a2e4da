using System.Reflection;
using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Testing;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace ControlPlane.Failover.Tests;

/// <summary>
/// A TestCluster whose silos are separate processes (tests/SiloHost), so <see cref="Kill"/> is a real crash. Set on
/// purpose: TCP transport, membership, grain state and reminders on PostgreSQL (the project's failure detection),
/// no file logging. Without TestCluster's test membership there is no primary silo: silos are named Secondary_0,
/// Secondary_1, ... and any of them may die. By default Secondary_0 hosts no sled, Secondary_1 hosts sled A and
/// Secondary_2 sled B.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private readonly Dictionary<string, int> instanceNumbers = new(StringComparer.Ordinal);

    private FailoverCluster(TestCluster cluster)
    {
        Cluster = cluster;
        foreach (var silo in cluster.Silos)
        {
            instanceNumbers[silo.Name] = silo.InstanceNumber;
        }
    }

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public static string SiloName(int instance) => $"Secondary_{instance}";

    /// <summary>The sled silo <paramref name="instance"/> hosts in the default layout (none for silo 0).</summary>
    public static Guid? DefaultSled(int instance) => instance switch { 1 => TestSleds.A, 2 => TestSleds.B, _ => null };

    /// <summary>The silo host executable, built next to this project (see the project file).</summary>
    public static string SiloHostPath =>
        typeof(FailoverCluster).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiloHostPath").Value
        ?? throw new InvalidOperationException("The test assembly does not name the silo host.");

    /// <summary>Starts <paramref name="silos"/> silo processes on <paramref name="connectionString"/> and waits until both sleds are reachable.</summary>
    public static async Task<FailoverCluster> StartAsync(string connectionString, int silos = 3, IDictionary<string, string?>? settings = null)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.CreateSiloAsync = StandaloneSiloHandle.CreateDelegate(SiloHostPath);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.GatewayPerSilo = true;
        builder.Options.InitializeClientOnDeploy = true;

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ControlPlaneTestSettings.Clustering] = "postgres",
            [ControlPlaneTestSettings.SledCpus] = "32",
            // A call to a silo that died before membership says so waits for this; the outcome is then unknown.
            ["Messaging:ResponseTimeout"] = "00:00:10",
            ["Vmms:WatcherPeriod"] = "00:00:00.300",
            ["Vmms:WatcherReminderPeriod"] = "00:00:02",
            ["Vmms:DoorbellRetryMaxDelay"] = "00:00:00.200",
        };
        for (var i = 0; i < silos; i++)
        {
            values[$"{ControlPlaneTestSettings.SiloSleds}:{SiloName(i)}"] = DefaultSled(i)?.ToString("D") ?? string.Empty;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.AddControlPlane(connectionString, values);
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        var result = new FailoverCluster(cluster);
        await result.UntilSledsReachable(TestSleds.A, TestSleds.B);
        return result;
    }

    public SiloHandle Silo(string name) => Cluster.Silos.Single(s => s.Name == name);

    public bool IsUp(string name) => Cluster.Silos.Any(s => s.Name == name);

    /// <summary>Kills the silo's process: no goodbye to membership, its activations and connections just vanish.</summary>
    public Task Kill(string name) => Cluster.KillSiloAsync(Silo(name));

    /// <summary>Starts a new process for a killed silo: same name (so it hosts the same sleds), new ports, new generation.</summary>
    public async Task<SiloHandle> Restart(string name)
    {
        if (IsUp(name))
        {
            throw new InvalidOperationException($"{name} is running.");
        }

        return await TestCluster.StartSiloAsync(Cluster, instanceNumbers[name], Cluster.Options, startSiloOnNewPort: true);
    }

    /// <summary>Starts a new process for a silo whose process died by itself (TestCluster still lists it): same name, new ports.</summary>
    public async Task<SiloHandle> Revive(string name)
    {
        if (IsUp(name))
        {
            try
            {
                await Kill(name);
            }
            catch (InvalidOperationException)
            {
                // the process has exited: TestCluster only has to forget it
            }
        }

        return await Restart(name);
    }

    /// <summary>The silo whose process hosts the grain's activation now (activating it if needed), or null when none answers.</summary>
    public async Task<SiloHandle?> HostOf(IAddressable grain)
    {
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address is null ? null : Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
    }

    public ISledInventoryGrain Inventory => Client.GetGrain<ISledInventoryGrain>(0);

    public Task UntilSledsReachable(params Guid[] sleds) =>
        Poll.Until(
            async () =>
            {
                var listed = await Inventory.List();
                return sleds.All(id => listed.Any(s => s.Id == id && s.Reachable));
            },
            $"sleds {string.Join(", ", sleds)} reachable");

    public async ValueTask DisposeAsync()
    {
        // Killing is enough (and quicker than a graceful stop): each test has its own database.
        foreach (var silo in Cluster.Silos.ToList())
        {
            try
            {
                await Cluster.KillSiloAsync(silo);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }

        await Cluster.StopClusterClientAsync();
        await Cluster.DisposeAsync();
    }
}
