using BenchmarkDotNet.Running;
using ControlPlane.Benchmarks.Runtime.CrossSilo;

// `cross-silo` runs the latency harness (percentiles need per-call timings, which BenchmarkDotNet does not report):
//   dotnet run -c Release --project tests/Benchmarks -- cross-silo
// Anything else goes to BenchmarkDotNet, e.g.:
//   dotnet run -c Release --project tests/Benchmarks -- --filter '*GrainCall*'
if (args is [CrossSiloBenchmark.Command])
{
    return await CrossSiloBenchmark.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point holder for BenchmarkSwitcher.</summary>
public partial class Program;
