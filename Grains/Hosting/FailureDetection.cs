using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The project's membership and directory timings: a killed silo is declared dead in about 1 s instead of Orleans'
/// 10-19 s, and the strong directory's range lease is matched to that window so the dead silo's grains activate
/// elsewhere within about 3 s (orleans.md A.5; tests/Benchmarks "failover" measures both settings).
/// <c>Membership:UseOrleansDefaults=true</c> keeps Orleans' own values (the benchmark's baseline).
/// </summary>
public static class FailureDetection
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int NumMissedProbesLimit = 2;
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the strongly consistent directory keeps a crashed silo's ranges locked. Orleans holds them for this
    /// duration minus its own detection window (4 x <see cref="ProbeTimeout"/> x <see cref="NumMissedProbesLimit"/> = 8 s;
    /// DistributedGrainDirectory.CalculateDeadSiloLeaseDuration), so a lease at or below 8 s protects nothing. 10 s
    /// leaves 2 s after the verdict, one <see cref="TableRefreshTimeout"/>: the time a partitioned silo that is still
    /// running needs to read its own Dead row and stop serving. Measured: failover p50 2.7 s with it, 0.8 s without
    /// protection, 10-12 s with Orleans' defaults (tests/Benchmarks "failover").
    /// </summary>
    public static readonly TimeSpan RangeLeaseDuration = (4 * ProbeTimeout * NumMissedProbesLimit) + TableRefreshTimeout;

    /// <summary>Applies the project's timings unless configuration asks for Orleans' defaults; explicit settings win.</summary>
    public static void Apply(ClusterMembershipOptions membership, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!UsesOrleansDefaults(configuration))
        {
            membership.ProbeTimeout = ProbeTimeout;
            membership.NumMissedProbesLimit = NumMissedProbesLimit;
            membership.TableRefreshTimeout = TableRefreshTimeout;
            membership.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        }

        configuration.GetSection("Membership").Bind(membership);
    }

    public static void Apply(GrainDirectoryOptions directory, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!UsesOrleansDefaults(configuration))
        {
            directory.RangeLeaseDuration = RangeLeaseDuration;
        }

        configuration.GetSection("GrainDirectory").Bind(directory);
    }

    public static bool UsesOrleansDefaults(IConfiguration configuration) =>
        configuration?.GetValue<bool>("Membership:UseOrleansDefaults") ?? false;
}
