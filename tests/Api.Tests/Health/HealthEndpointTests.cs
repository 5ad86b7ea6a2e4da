using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Api.Tests.Health;

/// <summary>Starts the real gateway (Kestrel on loopback, embedded silo) and speaks HTTP to it.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        _app = ApiApplication.Create(["--Api:ExternalUrl=http://127.0.0.1:0", "--Api:InternalUrl=http://127.0.0.1:0", "--Serilog:MinimumLevel:Default=Warning"]);
        await _app.StartAsync();
    }

    private IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    [Fact]
    public async Task Both_listeners_answer_liveness_and_readiness_over_real_http()
    {
        Assert.Equal(2, Addresses.Count);
        foreach (var address in Addresses)
        {
            var health = await _http.GetAsync(new Uri(new Uri(address), "/healthz"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var ready = await _http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(address), "/readyz"));
            Assert.Equal("ready", ready.GetProperty("status").GetString());
            Assert.Equal("running", ready.GetProperty("silo").GetString());
        }
    }

    [Fact]
    public async Task Readiness_reports_503_once_the_silo_stops()
    {
        var address = new Uri(Addresses[0]);
        await _app.Services.GetRequiredService<Orleans.Runtime.Silo>().StopAsync(CancellationToken.None);

        var ready = await _http.GetAsync(new Uri(address, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_gets_a_problem_document_not_a_500()
    {
        var response = await _http.GetAsync(new Uri(new Uri(Addresses[0]), "/v1/no-such-route"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
