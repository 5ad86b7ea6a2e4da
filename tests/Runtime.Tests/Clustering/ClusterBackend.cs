using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Membership;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>
/// One membership table, directory and grain store that share their notion of ownership (in memory, or one
/// PostgreSQL database), plus a way to let time pass on the table's clock: what the contract tests run against.
/// </summary>
public abstract class ClusterBackend : IAsyncDisposable
{
    /// <summary>A lease no test outlives.</summary>
    public static readonly TimeSpan LongLease = TimeSpan.FromHours(1);

    public abstract IMembershipTable Membership { get; }

    public abstract IGrainDirectory Directory { get; }

    public abstract IGrainStorage Storage { get; }

    /// <summary>A lease the tests wait out (with <see cref="WaitUntilExpiredAsync"/>).</summary>
    public abstract TimeSpan ShortLease { get; }

    /// <summary>Lets up to <paramref name="atMost"/> pass on the table's clock (a fake clock jumps; a real one is waited for).</summary>
    protected abstract Task PassTimeAsync(TimeSpan atMost);

    /// <summary>Returns once the silo's lease has expired on the table's clock, polling the table itself.</summary>
    public async Task WaitUntilExpiredAsync(SiloAddress silo)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var snapshot = await Membership.ReadAllAsync(CancellationToken.None);
            var entry = snapshot.Find(silo) ?? throw new InvalidOperationException($"{silo} is not in the table.");
            if (entry.LeaseExpiresAt <= snapshot.ReadAt)
            {
                return;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"The lease of {silo} never expired on the table's clock.");
            }

            await PassTimeAsync(entry.LeaseExpiresAt - snapshot.ReadAt);
        }
    }

    /// <summary>Adds a silo with a fresh address and the given lease.</summary>
    public async Task<SiloAddress> JoinAsync(TimeSpan lease, string? name = null)
    {
        var address = new SiloAddress("127.0.0.1", 11111, Interlocked.Increment(ref s_generation));
        await Membership.JoinAsync(
            new MembershipEntry { Address = address, SiloName = name ?? $"silo-{address.Generation}", Status = SiloLifecycleStatus.Joining },
            lease,
            CancellationToken.None);
        return address;
    }

    /// <summary>Makes a live silo the owner of a fresh grain and returns the entry it won.</summary>
    public async Task<GrainAddress> OwnAsync(SiloAddress silo, GrainId? grainId = null)
    {
        var won = await Directory.RegisterAsync(grainId ?? NewGrainId(), silo, Guid.NewGuid(), CancellationToken.None);
        return won.Silo == silo ? won : throw new InvalidOperationException($"{silo} did not win {won.GrainId}.");
    }

    public static GrainId NewGrainId(string type = "vmm") => new(type, Guid.NewGuid().ToString("N"));

    public abstract ValueTask DisposeAsync();

    private static long s_generation = SiloAddress.NewGeneration();
}
