using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Hosting;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Api.Tests.Hosting;

/// <summary>With <c>Client:Gateways</c> the gateway hosts no silo and calls the cluster through its gateways.</summary>
public sealed class ClusterClientModeTests
{
    [Fact]
    public async Task The_gateway_serves_requests_through_a_separate_clusters_gateway()
    {
        await using var cluster = new TestClusterBuilder().AddSiloBuilderConfigurator(s => s.AddControlPlaneGrains()).Build();
        await cluster.DeployAsync();
        var snapshot = await cluster.Primary.Services.GetRequiredService<IMembershipTable>().ReadAllAsync(CancellationToken.None);
        var entry = snapshot.Entries.Single(e => e.IsLive);
        Assert.True(entry.GatewayPort > 0);

        await using var scope = await GatewayHostScope.StartAsync(null,
            $"--Client:Gateways:0={entry.Address.Host}:{entry.GatewayPort}", $"--Client:ClusterId={cluster.Options.ClusterId}");

        Assert.Null(scope.Host.App.Services.GetService<Silo>());
        using var content = new StringContent(Support.Specs.Valid(), Encoding.UTF8, "application/json");
        var validated = await scope.Host.External.PostAsync("/v1/instance-specs/validate", content);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);

        var ready = await scope.Host.External.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("client", ready.GetProperty("mode").GetString());
    }
}
