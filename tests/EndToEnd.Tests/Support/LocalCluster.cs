using ControlPlane.TestSupport;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// The deploy/local-cluster.sh topology as processes: three Orleans silos on one PostgreSQL database (one hosting no
/// sled and two hosting one sled each) and the gateway as a cluster client finding their gateways in the membership table.
/// Each process gets its own folder with its own appsettings.json (the sled list is an array, which overrides
/// cannot shorten). Timings are shortened so that failure detection and auto-restart happen within seconds.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public static readonly Guid SledA = Guid.Parse("5f0c0a61-3b1e-4c8e-9a51-00000000000a");
    public static readonly Guid SledB = Guid.Parse("5f0c0a61-3b1e-4c8e-9a51-00000000000b");

    private readonly string _folder = Directory.CreateTempSubdirectory("controlplane-e2e-").FullName;
    private readonly Dictionary<string, ChildProcess> _silos = [];
    private ChildProcess? _api;

    public HttpClient External { get; private set; } = null!;

    public HttpClient Internal { get; private set; } = null!;

    /// <summary>The silo process hosting a sled.</summary>
    public ChildProcess SiloHosting(Guid sled) => _silos[sled == SledA ? "silo-sled-a" : "silo-sled-b"];

    public string Logs => string.Join("\n", _silos.Select(s => $"--- {s.Key}\n{s.Value.Output}").Append($"--- api\n{_api?.Output}"));

    public static async Task<LocalCluster> StartAsync(string connectionString)
    {
        var cluster = new LocalCluster();
        try
        {
            await cluster.StartProcessesAsync(connectionString);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync(); // no process or folder outlives a failed start
            throw;
        }
    }

    private async Task StartProcessesAsync(string connectionString)
    {
        var clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var (name, sled) in new (string, Guid?)[] { ("silo-nexus", null), ("silo-sled-a", SledA), ("silo-sled-b", SledB) })
        {
            var gatewayPort = FreePort.Next();
            var sleds = new JsonArray();
            if (sled is { } id)
            {
                sleds.Add(new JsonObject { ["id"] = id.ToString(), ["cpus"] = 32, ["memory_mib"] = 131072 });
            }

            var directory = Write(name, new JsonObject
            {
                ["ConnectionStrings"] = new JsonObject { ["ControlPlane"] = connectionString },
                ["Silo"] = new JsonObject { ["ClusterId"] = clusterId, ["ServiceId"] = clusterId, ["SiloName"] = name },
                ["Endpoints"] = new JsonObject { ["AdvertisedHost"] = "127.0.0.1", ["SiloPort"] = FreePort.Next(), ["GatewayPort"] = gatewayPort },
                ["Vmms"] = new JsonObject
                {
                    ["BootDuration"] = "00:00:00.200", ["StopDuration"] = "00:00:00.200", ["RebootDuration"] = "00:00:00.200",
                    ["MigrationDuration"] = "00:00:00.500", ["WatcherPeriod"] = "00:00:01", ["WatcherReminderPeriod"] = "00:00:02", ["AutoRestartCooldown"] = "00:00:01",
                },
                // The watcher may live on the silo the test kills: its reminder brings it back within seconds, not a minute.
                ["Reminders"] = new JsonObject { ["MinimumReminderPeriod"] = "00:00:01" },
                ["Sleds"] = sleds,
                ["Serilog"] = new JsonObject { ["MinimumLevel"] = new JsonObject { ["Default"] = "Information", ["Override"] = new JsonObject { ["Microsoft"] = "Warning" } } },
            });
            _silos[name] = ChildProcess.Start(Executables.Silo, [], directory);
        }

        foreach (var (name, process) in _silos)
        {
            await WaitForOutputAsync(process, $"Silo {name} started", name);
        }

        var (externalPort, internalPort) = (FreePort.Next(), FreePort.Next());
        var apiDirectory = Write("api", new JsonObject
        {
            ["Api"] = new JsonObject { ["ExternalUrl"] = $"http://127.0.0.1:{externalPort}", ["InternalUrl"] = $"http://127.0.0.1:{internalPort}" },
            // Gateways from the PostgreSQL membership table, as in production (Client:Gateways is the static development list).
            ["ConnectionStrings"] = new JsonObject { ["ControlPlane"] = connectionString },
            ["Client"] = new JsonObject { ["Enabled"] = true, ["ClusterId"] = clusterId, ["ServiceId"] = clusterId },
        });
        _api = ChildProcess.Start(Executables.Api, [], apiDirectory);
        External = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{externalPort}"), Timeout = TimeSpan.FromSeconds(60) };
        Internal = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{internalPort}"), Timeout = TimeSpan.FromSeconds(60) };
        await Http.WaitUntilOkAsync(External, "/readyz", _api, TimeSpan.FromSeconds(90));
    }

    private string Write(string name, JsonObject settings)
    {
        var directory = Path.Combine(_folder, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return directory;
    }

    private static async Task WaitForOutputAsync(ChildProcess process, string text, string name)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{await process.FinalOutputAsync()}");
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{name} never logged '{text}':\n{process.Output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        External?.Dispose();
        Internal?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        foreach (var silo in _silos.Values)
        {
            await silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
