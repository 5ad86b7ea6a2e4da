using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Persistence;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The embedded default backend on a manual clock: waiting out a lease is a clock jump.</summary>
public sealed class InMemoryClusterBackend : ClusterBackend
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InMemoryClusterBackend()
    {
        var membership = new InMemoryMembershipTable(_clock);
        var directory = new InMemoryGrainDirectory(membership);
        Membership = membership;
        Directory = directory;
        Storage = new MemoryGrainStorage(directory);
    }

    public override IMembershipTable Membership { get; }

    public override IGrainDirectory Directory { get; }

    public override IGrainStorage Storage { get; }

    public override TimeSpan ShortLease => TimeSpan.FromSeconds(1);

    protected override Task PassTimeAsync(TimeSpan atMost)
    {
        _clock.Advance(atMost);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
