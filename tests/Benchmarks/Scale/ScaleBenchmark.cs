using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.TestSupport.Postgres;

namespace ControlPlane.Benchmarks.Scale;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- scale [N ...] [--postgres] [--concurrency=32]</c>: for each N
/// (default 1,000 and 10,000), a fresh Api process (the embedded default, or PostgreSQL with <c>--postgres</c>) and this
/// process as its HTTP client, creating and starting N instances of 1 CPU / 256 MiB with bounded concurrency. Prints
/// progress to stderr and a markdown table to stdout; the last line is <c>scale ratio: R</c> (the last tenth's creates/s at
/// the largest N over the first tenth's at the smallest N).
/// </summary>
public static class ScaleBenchmark
{
    public const string Command = "scale";

    private const int WarmUp = 50;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        if (sizes.Count == 0)
        {
            sizes = [1_000, 10_000];
        }

        var postgres = args.Contains("--postgres");
        var concurrency = args.FirstOrDefault(a => a.StartsWith("--concurrency=", StringComparison.Ordinal)) is { } c
            ? int.Parse(c["--concurrency=".Length..], CultureInfo.InvariantCulture) : 32;
        var apiArguments = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal)).ToArray(); // e.g. --Vmms:WatcherShards=1, passed to the Api
        var heapdump = args.Contains("--heapdump");
        var apiDll = await BuildApiAsync();
        var logs = Directory.CreateTempSubdirectory("cp-scale-").FullName;
        Console.Error.WriteLine($"api logs: {logs}");
        await using var server = postgres ? await StartPostgresAsync() : null;
        var rows = new List<ScaleRow>();
        foreach (var n in sizes)
        {
            var connectionString = server is null ? null : await server.CreateDatabaseAsync();
            rows.Add(await MeasureAsync(apiDll, n, concurrency, connectionString, apiArguments, heapdump ? logs : null, Path.Combine(logs, $"api-{n}.log")));
        }

        Console.WriteLine(ScaleTable.Format(rows, (postgres ? "PostgreSQL" : "embedded default") + (apiArguments.Length > 0 ? " with " + string.Join(' ', apiArguments) : ""), concurrency));
        var ratio = rows.MaxBy(r => r.N)!.LastTenthPerSecond / rows.MinBy(r => r.N)!.FirstTenthPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale ratio: {ratio:0.00}"));
        return 0;
    }

    private static async Task<PostgresServer> StartPostgresAsync()
    {
        if (PostgresServer.FindBinaries() is null)
        {
            throw new InvalidOperationException(PostgresServer.MissingBinariesMessage);
        }

        Console.Error.WriteLine("PostgreSQL: starting a throwaway server");
        return await PostgresServer.StartAsync();
    }

    private static async Task<ScaleRow> MeasureAsync(string apiDll, int n, int concurrency, string? connectionString, string[] apiArguments, string? heapdumpDirectory, string logFile)
    {
        Console.Error.WriteLine($"N={n}: starting the Api ({(connectionString is null ? "embedded default" : "PostgreSQL")}), log {logFile}");
        await using var api = ApiProcess.Start(apiDll, n + WarmUp, connectionString, apiArguments, logFile);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        await UntilReadyAsync(api, http);

        // Warm-up (JIT, first activations, connection pool), not counted.
        await CreateAllAsync(http, api.External, "warm", WarmUp, concurrency, progress: null);
        await UntilRunningAsync(api, http, WarmUp, TimeSpan.FromMinutes(2), progressLabel: null);
        var baseline = await IdleMemory.ReadAfterFullGcAsync(api, () => MetricsAsync(api, http));
        var (rssBefore, heapBefore) = (baseline.RssBytes, baseline.HeapBytes);

        var started = Stopwatch.GetTimestamp();
        var creates = await CreateAllAsync(http, api.External, "vm", n, concurrency, progress: $"N={n}");
        var createdAt = Stopwatch.GetElapsedTime(started);
        await UntilRunningAsync(api, http, n + WarmUp, GiveUpAfter, progressLabel: $"N={n}");
        var runningAt = Stopwatch.GetElapsedTime(started);

        // A full GC would need a hook in the server; the RSS is read after the run settles for a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssAfter = api.RssBytes();
        var metricsAtRunning = await MetricsAsync(api, http);
        var heapAfter = PrometheusText.Sum(metricsAtRunning, "dotnet_gc_last_collection_heap_size_bytes");

        var (pageP50, pageP99, paginated, pageBytes) = await ListPages.TimeFirstPageAsync(http, api.External);
        var watcher = await WatcherAfterAllRunningAsync(api, http, metricsAtRunning, n + WarmUp);
        var idle = await IdleMemory.AfterCollectionAsync(api, () => MetricsAsync(api, http), $"N={n}");
        var coldPages = await ListPages.WalkAsync(http, api.External, maxPages: 200);
        var breakdown = heapdumpDirectory is null ? null : await HeapBreakdownAsync(api, Path.Combine(heapdumpDirectory, $"api-{n}.dump"), n);

        var ordered = creates.OrderBy(c => c.End).ToList();
        var tenth = Math.Max(1, n / 10);
        var firstTenthSeconds = ordered[tenth - 1].End.TotalSeconds;
        var lastTenthSeconds = createdAt.TotalSeconds - ordered[n - tenth - 1].End.TotalSeconds;
        var latencies = creates.Select(c => c.Latency.TotalMilliseconds).Order().ToArray();
        var byStart = creates.OrderBy(c => c.Start).ToList();
        var row = new ScaleRow
        {
            N = n,
            Failed = creates.Count(c => !c.Ok),
            CreatesPerSecond = n / createdAt.TotalSeconds,
            FirstTenthPerSecond = tenth / firstTenthSeconds,
            LastTenthPerSecond = tenth / lastTenthSeconds,
            PostP50 = NearestRank.Percentile(latencies, 0.50),
            PostP99 = NearestRank.Percentile(latencies, 0.99),
            FirstTenthP50 = NearestRank.Percentile([.. byStart.Take(tenth).Select(c => c.Latency.TotalMilliseconds).Order()], 0.50),
            LastTenthP50 = NearestRank.Percentile([.. byStart.Skip(n - tenth).Select(c => c.Latency.TotalMilliseconds).Order()], 0.50),
            CreateSeconds = createdAt.TotalSeconds,
            AllRunningSeconds = runningAt.TotalSeconds,
            RssBytes = rssAfter,
            RssPerInstance = (rssAfter - rssBefore) / (double)n,
            HeapPerInstance = heapAfter > 0 && heapBefore > 0 ? (heapAfter - heapBefore) / n : double.NaN,
            PageP50 = pageP50,
            PageP99 = pageP99,
            Paginated = paginated,
            PageBytes = pageBytes,
            Watcher = watcher,
            IdleRssPerInstance = (idle.RssBytes - rssBefore) / (double)n,
            IdleHeapPerInstance = (idle.HeapBytes - heapBefore) / (double)n,
            IdleActivationsPerInstance = (idle.Activations - baseline.Activations) / (double)n,
            ColdPages = coldPages,
            HeapBreakdown = breakdown,
        };
        Console.Error.WriteLine($"N={n}: done: {row.CreatesPerSecond:0} creates/s, all running after {row.AllRunningSeconds:0.0} s, {row.RssPerInstance / 1024:0.0} KiB RSS per instance; idle: {row.IdleRssPerInstance / 1024:0.0} KiB RSS, {row.IdleHeapPerInstance / 1024:0.0} KiB live heap per instance");
        return row;
    }

    private sealed record CreateTiming(TimeSpan Start, TimeSpan End, TimeSpan Latency, bool Ok);

    private static async Task<List<CreateTiming>> CreateAllAsync(HttpClient http, Uri external, string prefix, int n, int concurrency, string? progress)
    {
        var timings = new CreateTiming[n];
        var next = -1;
        var done = 0;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        using var cancelProgress = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : Task.Run(async () =>
        {
            var last = 0;
            while (!cancelProgress.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancelProgress.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var now = Volatile.Read(ref done);
                Console.Error.WriteLine($"{progress}: {now}/{n} created, {now - last}/s in the last second, {Volatile.Read(ref failures)} failed");
                last = now;
            }
        });

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var body = $$"""{"name":"{{prefix}}-{{i}}","ncpus":1,"memory_mib":256}""";
                var t0 = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await http.PostAsync(new Uri(external, "/v1/instances"), new StringContent(body, Encoding.UTF8, "application/json"));
                    ok = response.StatusCode == HttpStatusCode.Created;
                    if (!ok && Interlocked.Increment(ref failures) <= 5)
                    {
                        Console.Error.WriteLine($"create {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    if (Interlocked.Increment(ref failures) <= 5)
                    {
                        Console.Error.WriteLine($"create {i}: {ex.Message}");
                    }
                }

                var t1 = Stopwatch.GetTimestamp();
                timings[i] = new CreateTiming(
                    Stopwatch.GetElapsedTime(started, t0), Stopwatch.GetElapsedTime(started, t1), Stopwatch.GetElapsedTime(t0, t1), ok);
                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        await cancelProgress.CancelAsync();
        await reporter;
        return [.. timings];
    }

    private static async Task UntilReadyAsync(ApiProcess api, HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (api.HasExited)
            {
                throw new InvalidOperationException("The Api exited during start (see its log).");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(api.External, "/v1/sleds"));
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("5f0c0a61-3b1e-4c8e-9a51-000000000002", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Api never became ready.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls the server's own gauge (<c>controlplane.instances{run_state="running"}</c>) until <paramref name="expected"/> run.</summary>
    private static async Task UntilRunningAsync(ApiProcess api, HttpClient http, int expected, TimeSpan giveUp, string? progressLabel)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var running = PrometheusText.Sum(await MetricsAsync(api, http), "controlplane_instances", ("run_state", "running"));
            if (running >= expected)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > giveUp)
            {
                throw new TimeoutException($"Only {running} of {expected} instances ran after {giveUp}.");
            }

            if (progressLabel is not null)
            {
                Console.Error.WriteLine($"{progressLabel}: {running}/{expected} running");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<string> MetricsAsync(ApiProcess api, HttpClient http) => await http.GetStringAsync(new Uri(api.Internal, "/metrics"));

    /// <summary>Waits until the watcher's shards have checked every VMM once after all ran; pass durations over that window.</summary>
    private static async Task<WatcherFigures> WatcherAfterAllRunningAsync(ApiProcess api, HttpClient http, string before, int vmms)
    {
        const string Duration = "controlplane_watcher_pass_duration_seconds";
        const string Checked = "controlplane_watcher_pass_vmms";
        var checkedBefore = PrometheusText.Sum(before, Checked + "_sum");
        var passesBefore = PrometheusText.Sum(before, Duration + "_count");
        var bucketsBefore = PrometheusText.Buckets(before, Duration);
        var started = Stopwatch.GetTimestamp();
        string after;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            after = await MetricsAsync(api, http);
        }
        while (PrometheusText.Sum(after, Checked + "_sum") - checkedBefore < vmms && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(45));

        var window = Stopwatch.GetElapsedTime(started);
        var bucketsAfter = PrometheusText.Buckets(after, Duration);
        var delta = bucketsAfter.Select((b, i) => (b.Le, b.Count - (i < bucketsBefore.Count ? bucketsBefore[i].Count : 0))).ToList();
        var passes = PrometheusText.Sum(after, Duration + "_count") - passesBefore;
        return new WatcherFigures
        {
            Passes = passes,
            Checked = PrometheusText.Sum(after, Checked + "_sum") - checkedBefore,
            MeanPassMs = passes > 0 ? (PrometheusText.Sum(after, Duration + "_sum") - PrometheusText.Sum(before, Duration + "_sum")) / passes * 1000 : double.NaN,
            P99PassUpperBoundMs = PrometheusText.QuantileUpperBound(delta, 0.99) * 1000,
            WindowSeconds = window.TotalSeconds,
        };
    }

    /// <summary>
    /// With <c>--heapdump</c>: a heap dump of the idle Api (dotnet-dump, which must be on PATH), its live objects by type
    /// (<c>dumpheap -stat -live</c>, written beside it) and those summed per instance into the parts they belong to.
    /// </summary>
    private static async Task<string> HeapBreakdownAsync(ApiProcess api, string file, int n)
    {
        await RunToolAsync("dotnet-dump", ["collect", "-p", api.ProcessId.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", file]);
        var stat = await RunToolAsync("dotnet-dump", ["analyze", file, "-c", "dumpheap -stat -live", "-c", "exit"]);
        await File.WriteAllTextAsync(file + ".stat.txt", stat);
        File.Delete(file);
        var (rows, other) = HeapCategories.Summarize(stat, n);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Live heap of the idle Api at N = {n:N0}, by part (dotnet-dump dumpheap -stat -live; fixed costs included, spread over N):");
        table.AppendLine();
        table.AppendLine("| part | bytes per instance |");
        table.AppendLine("|---|---:|");
        foreach (var (category, bytes) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {category} | {bytes:N0} |");
        }

        table.AppendLine();
        table.AppendLine("Largest types in \"other\": " + string.Join("; ", other.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Type} {o.Bytes / (double)n:N0} B"))));
        return table.ToString();
    }

    private static async Task<string> RunToolAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.Error.WriteLine($"{tool} {arguments[0]}: exit {process.ExitCode}");
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} {arguments[0]} failed:\n{output}");
    }

    private static async Task<string> BuildApiAsync()
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

        var project = Path.Combine(root.FullName, "Api");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "ControlPlane.Api.dll");
        Console.Error.WriteLine($"building {project} (Release)");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", project]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("dotnet build did not start.");
        var output = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException("Building the Api failed:\n" + output);
        }

        return dll;
    }
}
