using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit;

namespace ControlPlane.Api.Tests.Hosting;

/// <summary>
/// With <c>Client:Gateways</c> the gateway hosts no silo and calls the cluster through its gateways: an Orleans
/// TestCluster on the TCP transport (its default in-memory transport takes no outside client).
/// </summary>
public sealed class ClusterClientModeTests
{
    [Fact]
    public async Task The_gateway_serves_requests_through_a_separate_clusters_gateway()
    {
        var builder = new TestClusterBuilder(1).AddControlPlane();
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var gateway = cluster.Primary?.GatewayAddress ?? throw new InvalidOperationException("The primary silo has no gateway.");

        await using var scope = await GatewayHostScope.StartAsync(null,
            $"--Client:Gateways:0={gateway.Endpoint}", $"--Client:ClusterId={cluster.Options.ClusterId}", $"--Client:ServiceId={cluster.Options.ServiceId}");

        Assert.Null(scope.Host.App.Services.GetService<ILocalSiloDetails>());
        using var content = new StringContent(Support.Specs.Valid(), Encoding.UTF8, "application/json");
        var validated = await scope.Host.External.PostAsync("/v1/instance-specs/validate", content);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);

        var ready = await scope.Host.External.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("client", ready.GetProperty("mode").GetString());
    }
}
