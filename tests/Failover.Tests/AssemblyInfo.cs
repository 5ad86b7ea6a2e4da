using Xunit;

// Each test runs several silo processes on a 2-core machine: one cluster at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
