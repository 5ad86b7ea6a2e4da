using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>
/// The scenarios that must hold on every backend; <see cref="InMemoryClusterTests"/> and the PostgreSQL classes run
/// them. Each builds its own cluster so kills and stops never leak into another test.
/// </summary>
public static class ClusterScenarios
{
    public static async Task<(TestCluster Cluster, ProbeLog Log)> StartAsync(int silos, Action<TestClusterBuilder>? configure = null)
    {
        var log = new ProbeLog();
        var builder = new TestClusterBuilder(silos).ConfigureServices(services => services.AddSingleton(log));
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        return (cluster, log);
    }

    /// <summary>Polls <paramref name="call"/> until it succeeds (a hang guard, not a timing assertion); returns the value and how long it took.</summary>
    public static async Task<(T Value, TimeSpan Elapsed)> EventuallyAsync<T>(Func<Task<T>> call, TimeSpan? guard = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var limit = guard ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return (await call(), started.Elapsed);
            }
            catch (Exception) when (started.Elapsed < limit)
            {
                await Task.Delay(50);
            }
        }
    }

    public static async Task Calls_cross_silos_and_gateways_and_references_travel(TestCluster cluster)
    {
        // Find a forwarder and a counter that live on different silos.
        var client = cluster.Client;
        var forwarder = client.GetGrain<IForwarderGrain>(1);
        var forwarderSilo = await forwarder.WhereAmI();
        IDurableCounterGrain? counter = null;
        for (var key = 1; key < 200 && counter is null; key++)
        {
            var candidate = client.GetGrain<IDurableCounterGrain>(1000 + key);
            if (await candidate.WhereAmI() != forwarderSilo)
            {
                counter = candidate;
            }
        }

        Assert.NotNull(counter);
        Assert.Equal(5, await forwarder.AddVia(counter, 5));              // a reference passed to another silo, called from there
        var echoed = await forwarder.Echo(counter);                          // and returned back to the client
        Assert.Equal(counter.GetGrainId(), echoed.GetGrainId());
        Assert.Equal(8, await echoed.Add(3));

        // Every silo's own client reaches the same activation.
        foreach (var silo in cluster.Silos)
        {
            var viaSilo = silo.Silo.Client.GetGrain<IDurableCounterGrain>(counter.GetPrimaryKeyLong());
            Assert.Equal(await counter.WhereAmI(), await viaSilo.WhereAmI());
        }

        Assert.Equal(8, await counter.Get());

        // Hash placement spreads grains over the silos.
        var places = new HashSet<string>();
        for (var key = 0; key < 30; key++)
        {
            places.Add(await client.GetGrain<IDurableCounterGrain>(5000 + key).WhereAmI());
        }

        Assert.Equal(cluster.Silos.Count, places.Count);
    }

    public static async Task A_hundred_concurrent_first_calls_from_three_silos_make_one_activation(TestCluster cluster, ProbeLog log, long key)
    {
        Assert.Equal(3, cluster.Silos.Count);
        var calls = Enumerable.Range(0, 100)
            .Select(i => cluster.Silos[i % 3].Silo.Client.GetGrain<IDurableCounterGrain>(key))
            .Select(grain => Task.Run(() => grain.Add(1)))
            .ToList();

        var results = await Task.WhenAll(calls);

        Assert.Equal(1, log.Count("activate:" + key));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), results.Order()); // one activation ran them one at a time
        var owners = cluster.Silos.Where(s => s.Silo.ActiveGrainIds.Contains(new GrainId("durablecounter", key.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        Assert.Single(owners);
    }

    public static async Task A_killed_silos_grains_answer_elsewhere_with_their_acknowledged_state(TestCluster cluster, Action<string>? report = null)
    {
        var client = cluster.Client;
        var acknowledged = new Dictionary<long, long>();
        for (var key = 1; key <= 24; key++)
        {
            acknowledged[key] = await client.GetGrain<IDurableCounterGrain>(key).Add(key * 10);
        }

        var victim = cluster.Silos[1];
        var victimAddress = victim.Silo.Address.ToString();
        var hosted = new List<long>();
        foreach (var key in acknowledged.Keys)
        {
            if (await client.GetGrain<IDurableCounterGrain>(key).WhereAmI() == victimAddress)
            {
                hosted.Add(key);
            }
        }

        Assert.NotEmpty(hosted);
        await cluster.KillSiloAsync(victim);
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var key in hosted)
        {
            var grain = client.GetGrain<IDurableCounterGrain>(key);
            var (value, _) = await EventuallyAsync(grain.Get);
            Assert.Equal(acknowledged[key], value);
            Assert.NotEqual(victimAddress, await grain.WhereAmI());
        }

        report?.Invoke($"{hosted.Count} grains of the killed silo answered elsewhere after {started.Elapsed.TotalSeconds:F2} s (lease {cluster.Options.LeaseDuration.TotalSeconds} s)");
    }
}
