using Xunit;

// Each test starts several processes; running them one at a time keeps the machine's load (and the other test
// projects running beside this one) predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
