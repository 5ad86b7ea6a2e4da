using System.Diagnostics;
using System.Globalization;
using System.Net;
using ControlPlane.TestSupport;

namespace ControlPlane.Benchmarks.Failover;

/// <summary>
/// One real Silo executable (<c>Silo/bin/Release/net10.0/ControlPlane.Silo.dll</c>) in its own process on PostgreSQL,
/// configured on the command line as an operator would; its output goes to a log file. <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private SiloProcess(Process process, StreamWriter log, string name, int siloPort)
    {
        this.process = process;
        this.log = log;
        Name = name;
        SiloPort = siloPort;
    }

    public string Name { get; }

    /// <summary>The silo-to-silo port: how a silo address from the management grain is matched to this process.</summary>
    public int SiloPort { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts the silo; returns once the process runs (not once it joined: poll membership for that).</summary>
    public static SiloProcess Start(string siloDll, string connectionString, string clusterId, string name, bool orleansDefaults, IEnumerable<string> extraArguments, string logDirectory)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
        };
        foreach (var argument in new[]
        {
            siloDll,
            $"--ConnectionStrings:ControlPlane={connectionString}",
            $"--Silo:ClusterId={clusterId}",
            $"--Silo:SiloName={name}",
            string.Create(CultureInfo.InvariantCulture, $"--Endpoints:SiloPort={siloPort}"),
            string.Create(CultureInfo.InvariantCulture, $"--Endpoints:GatewayPort={gatewayPort}"),
            $"--Sleds:0:id={Guid.NewGuid()}",
            $"--Sleds:1:id={Guid.NewGuid()}",
            "--Serilog:MinimumLevel:Default=Warning",
            $"--Membership:UseOrleansDefaults={(orleansDefaults ? "true" : "false")}",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var (process, log) = LoggedProcess.Start(start, Path.Combine(logDirectory, name + ".log"));
        return new SiloProcess(process, log, name, siloPort);
    }

    /// <summary>SIGKILL: no shutdown, no membership update, sockets reset by the kernel.</summary>
    public void Kill() => process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}
