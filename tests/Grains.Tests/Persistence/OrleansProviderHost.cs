using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>
/// The real Orleans ADO.NET providers (invariant "Npgsql") taken from a silo host and a client host that are built but
/// never started, so each contract test drives exactly the provider calls it is about.
/// </summary>
internal sealed class OrleansProviderHost : IDisposable
{
    public const string StorageName = "test";

    private readonly IHost _silo;
    private readonly IHost _client;

    private OrleansProviderHost(IHost silo, IHost client)
    {
        _silo = silo;
        _client = client;
    }

    public IMembershipTable Membership => _silo.Services.GetRequiredService<IMembershipTable>();

    public IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);

    public IReminderTable Reminders => _silo.Services.GetRequiredService<IReminderTable>();

    public IGatewayListProvider Gateways => _client.Services.GetRequiredService<IGatewayListProvider>();

    /// <summary>Builds both hosts and initializes the grain storage (it reads its queries in a silo lifecycle stage).</summary>
    public static async Task<OrleansProviderHost> CreateAsync(
        string connectionString, string clusterId = "cluster", string serviceId = "service", bool deleteStateOnClear = false)
    {
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString))
            .AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = deleteStateOnClear;
            })
            .UseSystemTextJsonGrainStorageSerializer()
            .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString)));
        var silo = siloBuilder.Build();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId))
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString)));
        var client = clientBuilder.Build();

        var host = new OrleansProviderHost(silo, client);
        try
        {
            var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
            ((ILifecycleParticipant<ISiloLifecycle>)host.Storage).Participate(lifecycle);
            await lifecycle.OnStart();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _silo.Dispose();
        _client.Dispose();
    }
}
