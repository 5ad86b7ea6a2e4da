using System.Net;
using ControlPlane.TestSupport;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>GatewaysQueryKey through the client's AdoNetGatewayListProvider: Active silos of the cluster that listen for clients.</summary>
public sealed class GatewayQueryContractTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task The_gateway_list_holds_only_active_silos_of_the_cluster_with_a_proxy_port()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await OrleansProviderHost.CreateAsync(db, "cluster");
        using var otherCluster = await OrleansProviderHost.CreateAsync(db, "other");
        await host.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await otherCluster.Membership.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var gateway = MembershipContractTests.Entry(11111, 5, SiloStatus.Active, proxyPort: 30000);
        MembershipEntry[] notGateways =
        [
            MembershipContractTests.Entry(11112, 1, SiloStatus.Active, proxyPort: 0),
            MembershipContractTests.Entry(11113, 1, SiloStatus.Joining, proxyPort: 30003),
            MembershipContractTests.Entry(11114, 1, SiloStatus.ShuttingDown, proxyPort: 30004),
            MembershipContractTests.Entry(11115, 1, SiloStatus.Dead, proxyPort: 30005),
        ];
        foreach (var entry in notGateways.Prepend(gateway))
        {
            Assert.True(await host.Membership.InsertRowAsync(entry, (await host.Membership.ReadAllAsync()).Version.Next()));
        }

        Assert.True(await otherCluster.Membership.InsertRowAsync(
            MembershipContractTests.Entry(11116, 1, SiloStatus.Active, proxyPort: 30006), (await otherCluster.Membership.ReadAllAsync()).Version.Next()));

        await host.Gateways.InitializeGatewayListProviderAsync();
        var gateways = await host.Gateways.GetGatewaysAsync();

        Assert.Equal([SiloAddress.New(IPAddress.Loopback, 30000, 5).ToGatewayUri()], gateways);
    }
}
