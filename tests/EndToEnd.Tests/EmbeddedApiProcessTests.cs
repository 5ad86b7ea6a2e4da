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
        Assert.Contains("controlplane_runtime_grain_calls_total", await @internal.GetStringAsync("/metrics"), StringComparison.Ordinal);

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
