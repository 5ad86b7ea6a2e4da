using BenchmarkDotNet.Running;

// Runs the suites picked by --filter, e.g.:
//   dotnet run -c Release --project tests/Benchmarks -- --filter '*GrainCall*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point holder for BenchmarkSwitcher.</summary>
public partial class Program;
