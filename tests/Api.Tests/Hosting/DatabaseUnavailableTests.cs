using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ControlPlane.Api.Tests.Support;
using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Api.Tests.Hosting;

/// <summary>The co-hosted silo on PostgreSQL: when the database goes away, requests get 503 problem documents, never a 500.</summary>
public sealed class DatabaseUnavailableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Requests_that_need_the_database_get_503_while_it_is_down()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var scope = await GatewayHostScope.StartAsync(null, $"--ConnectionStrings:ControlPlane={connectionString}");
        var ready = await scope.Host.External.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());

        await postgres.Server.StopAsync();
        try
        {
            var response = await scope.Host.External.GetAsync($"/v1/instances/{Guid.NewGuid()}");
            await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");

            var notReady = await scope.Host.External.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("unreachable", (await notReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database").GetString());
        }
        finally
        {
            await postgres.Server.RestartStoppedAsync();
        }
    }
}
