using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace ControlPlane.Benchmarks.Runtime;

[Alias("benchmarks.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

/// <summary>A plain object with the same shape as the grain, for the baselines.</summary>
public class PlainPing
{
    public virtual int Ping(int value) => value + 1;

    public virtual async Task<int> PingAsync(int value)
    {
        await Task.Yield();
        return value + 1;
    }
}

/// <summary>
/// A same-silo Orleans grain call from the silo's hosted client (proxy, message, activation scheduler, turn, response;
/// the argument is copied, not serialized) beside a plain virtual call and a Task-returning call that really yields
/// to the thread pool, printed in one table. One localhost silo with in-memory storage.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private IHost _host = null!;
    private IPingGrain _grain = null!;
    private PlainPing _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddMemoryGrainStorageAsDefault());
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _grain = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IPingGrain>(1);
        _grain.Ping(0).GetAwaiter().GetResult(); // activate
        _plain = new PlainPing();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(Baseline = true, Description = "plain virtual call")]
    public int VirtualCall() => _plain.Ping(1);

    [Benchmark(Description = "Task-returning call (yields)")]
    public Task<int> TaskCall() => _plain.PingAsync(1);

    [Benchmark(Description = "same-silo grain call")]
    public Task<int> GrainCall() => _grain.Ping(1);
}
