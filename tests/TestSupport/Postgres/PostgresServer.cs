using System.Diagnostics;
using System.Net;
using Npgsql;
using ControlPlane.TestSupport;

namespace ControlPlane.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests: initdb into a temporary directory, pg_ctl start on a free
/// loopback port, trust authentication, and everything deleted on dispose. Runs the server binaries as the
/// 'postgres' user when the process is root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string _root;
    private bool _running;

    private PostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string for the superuser on the 'postgres' database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>The directory holding initdb and pg_ctl, or null when PostgreSQL server binaries are not installed.</summary>
    public static string? FindBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "initdb")))
        {
            return fromEnvironment;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        return null;
    }

    public const string MissingBinariesMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found; install them with `apt-get install postgresql` (or set PG_BIN).";

    /// <summary>
    /// Starts a throwaway server. A start that fails (another process took the free port between probe and bind, or a
    /// loaded machine) is retried on a new port and directory, three attempts in all.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinariesMessage);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(bin, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<PostgresServer> StartOnceAsync(string bin, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "cp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root, FreePort.Next());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", root], cancellationToken).ConfigureAwait(false);
            }

            await server.RunPgAsync("initdb", ["-D", server._dataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken).ConfigureAwait(false);
            await server.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "db_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server abruptly (immediate mode: no checkpoint), as a crash would.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopServerAsync("immediate", cancellationToken);

    /// <summary>Starts a stopped server again on the same port and data directory.</summary>
    public Task RestartStoppedAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    /// <summary>An abrupt stop followed by a start: what a database restart looks like to clients.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopServerAsync("immediate", cancellationToken).ConfigureAwait(false);
        await StartServerAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // fsync=off only risks data on an OS crash; commits still survive a server crash, as fault tests need.
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
        await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"], cancellationToken).ConfigureAwait(false);
        _running = true;
    }

    private async Task StopServerAsync(string mode, CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return;
        }

        await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", mode, "-w", "-t", "60", "stop"], cancellationToken).ConfigureAwait(false);
        _running = false;
        NpgsqlConnection.ClearAllPools();
    }

    private Task RunPgAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync("fast", CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // already stopped or never started; the directory is removed regardless
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
