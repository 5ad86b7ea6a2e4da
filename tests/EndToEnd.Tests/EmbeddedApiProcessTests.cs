using ControlPlane.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit;

namespace ControlPlane.EndToEnd.Tests;

/// <summary>The real Api executable on its embedded default (co-hosted silo), spoken to over HTTP, stopped with SIGTERM.</summary>
public sealed class EmbeddedApiProcessTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_api_process_answers_on_both_listeners_and_stops_gracefully_on_sigterm()
    {
        var (externalPort, internalPort) = (FreePort.Next(), FreePort.Next());
        await using var api = ChildProcess.Start(Executables.Api,
            [$"--Api:ExternalUrl=http://127.0.0.1:{externalPort}", $"--Api:InternalUrl=http://127.0.0.1:{internalPort}"]);
        using var external = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{externalPort}") };
        using var @internal = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{internalPort}") };
        await Http.WaitUntilOkAsync(external, "/readyz", api, TimeSpan.FromSeconds(60));

        var ready = await @internal.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("co_hosted", ready.GetProperty("mode").GetString());

        using var spec = new StringContent("""{"board":{"cpus":2,"memory_mb":1024,"chipset":{"type":"i440_fx","value":{"enable_pcie":false}}},"components":{}}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await external.PostAsync("/v1/instance-specs/validate", spec)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await @internal.PostAsync("/v1/instance-specs/validate", spec)).StatusCode);
        Assert.Contains("orleans_catalog_activations", await @internal.GetStringAsync("/metrics"), StringComparison.Ordinal);

        // Every route of the lifecycle: create, view, list, sleds, doorbell, versioned state, legacy upcall, migrate, stop, delete.
        var create = await external.PostAsync("/v1/instances", Json("""{"name":"proc-1","ncpus":2,"memory_mib":1024}"""));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var path = create.Headers.Location!.OriginalString;
        var running = await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running", "running", TimeSpan.FromSeconds(60), () => api.Output);
        Assert.Contains((await external.GetFromJsonAsync<JsonElement>("/v1/instances")).GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "proc-1");
        var vmm = running.GetProperty("active_vmm_id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await @internal.PostAsync($"/v1/vmms/{vmm}/doorbell", null)).StatusCode);
        using (var v2 = new HttpRequestMessage(HttpMethod.Get, $"/v1/sled-agent/vmms/{vmm}/state"))
        {
            v2.Headers.Add("api-version", "2");
            Assert.Equal(HttpStatusCode.OK, (await @internal.SendAsync(v2)).StatusCode);
        }

        // As a real sled agent's progenitor client calls it: Omicron's path, api-version 1.0.0.
        using (var omicron = new HttpRequestMessage(HttpMethod.Get, $"/vmms/{vmm}/state"))
        {
            omicron.Headers.Add("api-version", "1.0.0");
            var state = await @internal.SendAsync(omicron);
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
            Assert.Equal("running", (await state.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vmm_state").GetProperty("state").GetString());
        }

        using (var unknown = new HttpRequestMessage(HttpMethod.Get, $"/vmms/{Guid.NewGuid()}/state"))
        {
            unknown.Headers.Add("api-version", "1.0.0");
            var gone = await @internal.SendAsync(unknown);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("NO_SUCH_INSTANCE", problem.GetProperty("error_code").GetString());
            Assert.Equal(gone.Headers.GetValues("x-request-id").Single(), problem.GetProperty("request_id").GetString());
        }

        using (var legacy = new HttpRequestMessage(HttpMethod.Put, $"/vmms/{vmm}"))
        {
            legacy.Headers.Add("api-version", "1.0.0");
            legacy.Content = Json("""{"vmm_state":{"state":"running","gen":1,"time_updated":"2026-01-01T00:00:00.123456789Z"},"migration_in":null,"migration_out":null,"newer_field":true}""");
            Assert.Equal(HttpStatusCode.NoContent, (await @internal.SendAsync(legacy)).StatusCode);
        }

        var sleds = (await external.GetFromJsonAsync<JsonElement>("/v1/sleds")).GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToList();
        var destination = sleds.First(id => id != running.GetProperty("sled_id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await external.PostAsync($"{path}/migrate", Json("{\"dst_sled_id\":\"" + destination + "\"}"))).StatusCode);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "running" && i.GetProperty("sled_id").GetString() == destination,
            "running on the other sled", TimeSpan.FromSeconds(60), () => api.Output);
        Assert.Equal(HttpStatusCode.Accepted, (await external.PostAsync($"{path}/stop", null)).StatusCode);
        await Poll.UntilAsync(external, path, i => i.GetProperty("run_state").GetString() == "stopped", "stopped", TimeSpan.FromSeconds(60), () => api.Output);
        Assert.Equal(HttpStatusCode.NoContent, (await external.DeleteAsync(path)).StatusCode);

        var exitCode = await api.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, exitCode);
        Assert.Contains("stopped", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_silo_process_logs_json_on_request_and_stops_gracefully_on_sigterm()
    {
        await using var silo = ChildProcess.Start(Executables.Silo, ["--Logging:Format=json", "--Silo:SiloName=e2e-silo"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!silo.Output.Contains("started", StringComparison.Ordinal))
        {
            Assert.False(silo.HasExited, silo.Output);
            await Task.Delay(100, cts.Token);
        }

        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        Assert.Contains(lines, line => line.Contains("\"SiloName\":\"e2e-silo\"", StringComparison.Ordinal) && line.Contains("stopped", StringComparison.Ordinal));
    }
}
