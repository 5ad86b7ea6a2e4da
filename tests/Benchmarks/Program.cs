using BenchmarkDotNet.Running;
using ControlPlane.Benchmarks.Failover;
using ControlPlane.Benchmarks.Runtime.CrossSilo;
using ControlPlane.Benchmarks.Scale;
using ControlPlane.Benchmarks.Vmms.Apply;

// `cross-silo` runs the latency harness (percentiles need per-call timings, which BenchmarkDotNet does not report):
//   dotnet run -c Release --project tests/Benchmarks -- cross-silo
// `vmm-apply` times a sled-side VMM change until the Nexus side has persisted it, per delivery path:
//   dotnet run -c Release --project tests/Benchmarks -- vmm-apply
// `failover` kills silo processes on PostgreSQL and times until their grains answer elsewhere (extra `--Key=value`
// arguments add a third row: the project settings plus those silo arguments):
//   dotnet run -c Release --project tests/Benchmarks -- failover [kills per setting, default 5]
// `scale` creates N instances through a real Api process from this one (default N = 1,000 and 10,000):
//   dotnet run -c Release --project tests/Benchmarks -- scale [N ...] [--postgres] [--concurrency=32]
// `scale-memory` measures where an idle running instance's bytes go (one silo in process, heap after each phase):
//   dotnet run -c Release --project tests/Benchmarks -- scale-memory [N, default 10,000]
// Anything else goes to BenchmarkDotNet, e.g.:
//   dotnet run -c Release --project tests/Benchmarks -- --filter '*GrainCall*'
if (args is [CrossSiloBenchmark.Command])
{
    return await CrossSiloBenchmark.RunAsync();
}

if (args is [VmmApplyBenchmark.Command])
{
    return await VmmApplyBenchmark.RunAsync();
}

if (args is [ScaleBenchmark.Command, ..])
{
    return await ScaleBenchmark.RunAsync(args[1..]);
}

if (args is [MemoryBreakdown.Command, ..])
{
    return await MemoryBreakdown.RunAsync(args[1..]);
}

if (args is [FailoverBenchmark.Command, ..])
{
    return await FailoverBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point holder for BenchmarkSwitcher.</summary>
public partial class Program;
