using System.Net;
using ControlPlane.TestSupport;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>A real silo joins, serves as a gateway and leaves through this schema: the membership protocol end to end.</summary>
public sealed class SiloOnSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task A_silo_joins_as_an_active_gateway_and_is_dead_after_a_graceful_stop()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("cluster", "service"))
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", db))
            .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", db)));
        using var silo = builder.Build();
        using var providers = await OrleansProviderHost.CreateAsync(db);
        await providers.Membership.InitializeMembershipTableAsync(tryInitTableVersion: false);
        await providers.Gateways.InitializeGatewayListProviderAsync();

        await silo.StartAsync();
        var running = await providers.Membership.ReadAllAsync();
        var gateways = await providers.Gateways.GetGatewaysAsync();
        await silo.StopAsync();
        var stopped = await providers.Membership.ReadAllAsync();

        var (member, _) = Assert.Single(running.Members);
        Assert.Equal(SiloStatus.Active, member.Status);
        Assert.Equal(siloPort, member.SiloAddress.Endpoint.Port);
        Assert.Equal(gatewayPort, member.ProxyPort);
        Assert.True(running.Version.Version >= 2, $"joining and becoming active are two versioned writes, version is {running.Version.Version}");
        Assert.Equal([SiloAddress.New(IPAddress.Loopback, gatewayPort, member.SiloAddress.Generation).ToGatewayUri()], gateways);
        Assert.Equal(SiloStatus.Dead, Assert.Single(stopped.Members).Item1.Status);
        Assert.True(stopped.Version.Version > running.Version.Version);
        Assert.Empty(await providers.Gateways.GetGatewaysAsync());
    }
}
