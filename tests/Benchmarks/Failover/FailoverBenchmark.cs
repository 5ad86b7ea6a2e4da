using System.Diagnostics;
using System.Globalization;
using System.Text;
using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.TestSupport.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Benchmarks.Failover;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- failover [kills]</c>: three real Silo processes on one
/// throwaway PostgreSQL server and an external Orleans client (ADO.NET gateway list), per setting: activate persisted
/// <see cref="IVmmGrain"/>s, SIGKILL the silo hosting most of them, and time from the kill until every one of its grains
/// answered (state read back from PostgreSQL on another silo); the killed silo is replaced by a new process before the
/// next kill. Two settings: the project's failure detection (<see cref="FailureDetection"/>) and Orleans' defaults
/// (<c>Membership:UseOrleansDefaults=true</c>). Also times when the membership table first said the silo was dead.
/// Progress goes to stderr, the markdown table to stdout.
/// </summary>
public static class FailoverBenchmark
{
    public const string Command = "failover";

    private const int Silos = 3;
    private const int GrainsPerRound = 24;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        var kills = args is [var text, ..] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5;
        var extra = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (PostgresServer.FindBinaries() is null)
        {
            await Console.Error.WriteLineAsync("failover: " + PostgresServer.MissingBinariesMessage);
            return 1;
        }

        var siloDll = await LocateSiloAsync();
        var logs = Directory.CreateTempSubdirectory("cp-failover-").FullName;
        Console.Error.WriteLine($"silo logs: {logs}");
        Console.Error.WriteLine("PostgreSQL: starting a throwaway server");
        await using var server = await PostgresServer.StartAsync();
        var rows = new List<FailoverRow>();
        var settings = new List<(string Label, bool Defaults, string[] SiloArgs)> { ("project settings", false, []), ("Orleans defaults", true, []) };
        if (extra.Length > 0)
        {
            // e.g. `failover 5 --GrainDirectory:RangeLeaseDuration=00:00:10`: a third row, the project's settings plus these silo arguments
            settings.Add(("project settings + " + string.Join(' ', extra), false, extra));
        }

        foreach (var (label, defaults, siloArgs) in settings)
        {
            rows.Add(await MeasureSettingAsync(label, defaults, siloArgs, kills, server, siloDll, logs));
        }

        Console.WriteLine(FormatTable(rows));
        return 0;
    }

    private static async Task<FailoverRow> MeasureSettingAsync(string label, bool orleansDefaults, string[] siloArgs, int kills, PostgresServer server, string siloDll, string logs)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(connectionString).MigrateAsync();
        var clusterId = orleansDefaults ? "failover-defaults" : siloArgs.Length == 0 ? "failover-project" : "failover-extra";
        Console.Error.WriteLine($"{label}: starting {Silos} silo processes (cluster {clusterId})");
        var silos = new List<SiloProcess>();
        var started = 0;
        SiloProcess StartSilo() => SiloProcess.Start(siloDll, connectionString, clusterId, $"{clusterId}-{started++}", orleansDefaults, siloArgs, logs);
        try
        {
            for (var i = 0; i < Silos; i++)
            {
                silos.Add(StartSilo());
            }

            using var client = await StartClientAsync(connectionString, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var membership = new MembershipReader(connectionString, clusterId);
            await membership.InitializeAsync();
            await WaitForActiveAsync(membership, silos);

            var answered = new List<double>();
            var declaredDead = new List<double>();
            var firstAnswered = new List<double>();
            var victimGrains = 0;
            for (var kill = 1; kill <= kills; kill++)
            {
                var (victim, onVictim) = await PlaceGrainsAsync(grains, silos);
                victimGrains += onVictim.Count;
                Console.Error.WriteLine($"{label}: kill {kill}/{kills}: SIGKILL {victim.Name} (port {victim.SiloPort}), hosting {onVictim.Count} of {GrainsPerRound} grains");
                var killedAt = Stopwatch.GetTimestamp();
                victim.Kill();
                var dead = WhenDeclaredDeadAsync(membership, victim.SiloPort, killedAt);
                var times = await Task.WhenAll(onVictim.Select(id => FirstAnswerAsync(grains.GetGrain<IVmmGrain>(id), id, killedAt)));
                var deadAfter = await dead;
                answered.Add(times.Max());
                firstAnswered.Add(times.Min());
                declaredDead.Add(deadAfter);
                Console.Error.WriteLine($"{label}: kill {kill}/{kills}: declared dead after {deadAfter:F2} s; first grain answered after {times.Min():F2} s, all {times.Length} after {times.Max():F2} s");

                silos.Remove(victim);
                await victim.DisposeAsync();
                silos.Add(StartSilo());
                await WaitForActiveAsync(membership, silos);
            }

            await client.StopAsync();
            return new FailoverRow(label, answered, firstAnswered, declaredDead, (double)victimGrains / kills);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Activates fresh persisted VMM grains and picks the silo that hosts most of them.</summary>
    private static async Task<(SiloProcess Victim, List<Guid> OnVictim)> PlaceGrainsAsync(IClusterClient grains, List<SiloProcess> silos)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var ids = Enumerable.Range(0, GrainsPerRound).Select(_ => Guid.NewGuid()).ToList();
        var where = new Dictionary<int, List<Guid>>();
        foreach (var id in ids)
        {
            var vmm = grains.GetGrain<IVmmGrain>(id);
            await vmm.Initialize(new VmmInitialization { InstanceId = Guid.NewGuid(), SledId = Guid.NewGuid() });
            var address = await management.GetActivationAddress(vmm) ?? throw new InvalidOperationException($"VMM grain {id} has no activation.");
            if (!where.TryGetValue(address.Endpoint.Port, out var list))
            {
                where[address.Endpoint.Port] = list = [];
            }

            list.Add(id);
        }

        var (port, onVictim) = where.MaxBy(kv => kv.Value.Count);
        var victim = silos.SingleOrDefault(s => s.SiloPort == port) ?? throw new InvalidOperationException($"No silo process listens on port {port}.");
        return (victim, onVictim);
    }

    /// <summary>
    /// Seconds from <paramref name="killedAt"/> until <paramref name="vmm"/> first answers with its persisted record. A new
    /// call starts every <see cref="PollEvery"/> without waiting for earlier ones (a call to a not-yet-dead silo can hang
    /// until the response timeout), so the first success is seen within one call's latency.
    /// </summary>
    private static async Task<double> FirstAnswerAsync(IVmmGrain vmm, Guid id, long killedAt)
    {
        var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(GiveUpAfter);
        async Task Attempt()
        {
            try
            {
                var view = await vmm.Get();
                if (view?.VmmId == id)
                {
                    answered.TrySetResult(Stopwatch.GetTimestamp());
                }
                else
                {
                    answered.TrySetException(new InvalidOperationException($"VMM grain {id} came back without its persisted record."));
                }
            }
#pragma warning disable CA1031 // any failure of a call to a killed silo's grain means "not yet": the next attempt is already scheduled
            catch (Exception)
#pragma warning restore CA1031
            {
                // the dead silo's activation, or no owner yet: try again
            }
        }

        var attempts = new List<Task>();
        while (!answered.Task.IsCompleted)
        {
            if (stop.IsCancellationRequested)
            {
                throw new TimeoutException($"VMM grain {id} did not answer within {GiveUpAfter.TotalSeconds:F0} s of the kill.");
            }

            attempts.Add(Attempt());
            await Task.WhenAny(answered.Task, Task.Delay(PollEvery)).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(killedAt, await answered.Task).TotalSeconds;
    }

    private static async Task<double> WhenDeclaredDeadAsync(MembershipReader membership, int port, long killedAt)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(GiveUpAfter.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if ((await membership.ReadAsync()).Any(r => r.Port == port && r.Status == MembershipReader.Dead))
            {
                return Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
            }

            await Task.Delay(PollEvery);
        }

        return double.NaN;
    }

    /// <summary>Waits until every running silo process is Active in the membership table, and no other row is still live.</summary>
    private static async Task WaitForActiveAsync(MembershipReader membership, List<SiloProcess> silos)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            if (silos.FirstOrDefault(s => s.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"Silo {exited.Name} exited during start-up; see its log.");
            }

            var rows = await membership.ReadAsync();
            var active = rows.Where(r => r.Status == MembershipReader.Active).Select(r => r.Port).ToHashSet();
            if (silos.All(s => active.Contains(s.SiloPort)) && active.Count == silos.Count)
            {
                // the client refreshes its gateway list every 5 s and silos exchange metadata asynchronously: settle first
                await Task.Delay(TimeSpan.FromSeconds(6));
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The silos did not all become active.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ClusterSettings.ConnectionStringSetting] = connectionString,
            ["Client:ClusterId"] = clusterId,
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client => client.UseControlPlaneClientConfiguration(configuration));
        var host = builder.Build();
        Console.Error.WriteLine("client: connecting through the gateways in the membership table");
        await host.StartAsync();
        return host;
    }

    /// <summary>The Silo executable of this checkout, built in Release first when it is missing.</summary>
    private static async Task<string> LocateSiloAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ControlPlane.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Cannot find the checkout (ControlPlane.sln) above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(root.FullName, "Silo", "bin", "Release", "net10.0", "ControlPlane.Silo.dll");
        Console.Error.WriteLine($"building {Path.Combine(root.FullName, "Silo")} (Release)");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(root.FullName, "Silo")])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("dotnet build did not start.");
        var output = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException("Building the Silo failed:\n" + output);
        }

        return dll;
    }

    private static string FormatTable(IEnumerable<FailoverRow> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| setting | p50 s | p99 s | max s | min s | kills | grains on the killed silo (mean) | first grain answered p50 s | declared dead p50 s |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Setting} | {Percentile(row.AllAnswered, 50):F2} | {Percentile(row.AllAnswered, 99):F2} | {row.AllAnswered.Max():F2} | {row.AllAnswered.Min():F2} | {row.AllAnswered.Count} | {row.GrainsPerKill:F1} | {Percentile(row.FirstAnswered, 50):F2} | {Percentile(row.DeclaredDead, 50):F2} |");
        }

        return table.ToString();
    }

    /// <summary>Nearest rank, as the latency tables.</summary>
    private static double Percentile(IReadOnlyList<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>One setting's kills: seconds until all the killed silo's grains answered, until the first did, and until the table said dead.</summary>
    private sealed record FailoverRow(string Setting, List<double> AllAnswered, List<double> FirstAnswered, List<double> DeclaredDead, double GrainsPerKill);
}

/// <summary>
/// Reads the membership table through the clustering provider's own query (<c>MembershipReadAllKey</c> from
/// <c>OrleansQuery</c>), so the benchmark does not depend on the schema's table names.
/// </summary>
internal sealed class MembershipReader(string connectionString, string clusterId)
{
    public const int Active = 3;
    public const int Dead = 6;

    private string query = "";

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'MembershipReadAllKey'", connection);
        query = (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The schema has no MembershipReadAllKey query.");
    }

    public async Task<List<(int Port, int Status)>> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        command.Parameters.AddWithValue("DeploymentId", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        var port = reader.GetOrdinal("Port");
        var status = reader.GetOrdinal("Status");
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(port) && !reader.IsDBNull(status))
            {
                rows.Add((reader.GetInt32(port), reader.GetInt32(status)));
            }
        }

        return rows;
    }
}
