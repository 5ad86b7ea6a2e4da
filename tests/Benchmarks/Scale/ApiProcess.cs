using System.Diagnostics;
using System.Globalization;
using ControlPlane.TestSupport;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// The real Api executable (<c>Api/bin/Release/net10.0/ControlPlane.Api.dll</c>) in its own process: the embedded default
/// (co-hosted silo, in-memory storage) or PostgreSQL when a connection string is given; two sleds large enough for the run,
/// logs to a file. <see cref="RssBytes"/> reads the process's resident set from /proc.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ApiProcess(Process process, StreamWriter log, Uri external, Uri @internal)
    {
        this.process = process;
        this.log = log;
        External = external;
        Internal = @internal;
    }

    public Uri External { get; }

    /// <summary>The internal listener (sled agents, <c>/metrics</c>).</summary>
    public Uri Internal { get; }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    public static ApiProcess Start(string apiDll, int instances, string? connectionString, IEnumerable<string> extraArguments, string logFile)
    {
        var external = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var @internal = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        var cpusPerSled = Math.Max(64, instances); // every instance fits on either sled
        var arguments = new List<string>
        {
            apiDll,
            $"--Api:ExternalUrl={external.ToString().TrimEnd('/')}",
            $"--Api:InternalUrl={@internal.ToString().TrimEnd('/')}",
            "--Serilog:MinimumLevel:Default=Warning",
            string.Create(CultureInfo.InvariantCulture, $"--Sleds:0:cpus={cpusPerSled}"),
            string.Create(CultureInfo.InvariantCulture, $"--Sleds:0:memory_mib={256L * cpusPerSled}"),
            string.Create(CultureInfo.InvariantCulture, $"--Sleds:1:cpus={cpusPerSled}"),
            string.Create(CultureInfo.InvariantCulture, $"--Sleds:1:memory_mib={256L * cpusPerSled}"),
            "--Vmms:WatcherPeriod=00:00:10",
        };
        if (connectionString is not null)
        {
            arguments.Add($"--ConnectionStrings:ControlPlane={connectionString}");
            arguments.Add($"--Silo:ClusterId=scale-{Guid.NewGuid():N}");
        }

        foreach (var argument in arguments.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var (process, log) = LoggedProcess.Start(start, logFile);
        return new ApiProcess(process, log, external, @internal);
    }

    /// <summary>The resident set (VmRSS) of the Api process, in bytes.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS line");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await log.DisposeAsync();
    }
}
