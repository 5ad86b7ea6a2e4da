using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.Grains.Testing;
using Orleans.TestingHost;
using Xunit;
using ControlPlane.TestSupport;

namespace ControlPlane.Api.Tests.Hosting;

/// <summary>
/// A gateway in client mode started before any silo does not fail: it keeps retrying (with backoff, logging that no
/// gateway answers) and serves as soon as a silo with that gateway port comes up.
/// </summary>
public sealed class ClientBeforeClusterTests
{
    [Fact]
    public async Task A_client_started_before_the_cluster_connects_once_a_silo_answers()
    {
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var clusterId = "early-" + Guid.NewGuid().ToString("N")[..8];
        var gatewayStart = GatewayHostScope.StartAsync(null,
            $"--Client:Gateways:0=127.0.0.1:{gatewayPort}", $"--Client:ClusterId={clusterId}", "--Client:ServiceId=early");

        var builder = new TestClusterBuilder(1).AddControlPlane();
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = "early";
        builder.Options.BaseSiloPort = siloPort;
        builder.Options.BaseGatewayPort = gatewayPort;
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        await using var scope = await gatewayStart.WaitAsync(TimeSpan.FromMinutes(2));
        var ready = await scope.Host.External.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var sleds = await scope.Host.External.GetAsync("/v1/sleds");
        Assert.Equal(HttpStatusCode.OK, sleds.StatusCode);
    }
}
