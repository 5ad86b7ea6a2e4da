using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The project's membership and directory timings: a killed silo is declared dead in about 2 s instead of Orleans'
/// 12-19 s, and the strong directory's range lease is matched to that window so the dead silo's grains activate
/// elsewhere within a few seconds (orleans.md A.5; tests/Benchmarks "failover" measures both settings).
/// <c>Membership:UseOrleansDefaults=true</c> keeps Orleans' own values (the benchmark's baseline).
/// </summary>
public static class FailureDetection
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    public const int NumMissedProbesLimit = 2;
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The window in which a directory range of a crashed silo stays locked. It must outlast the time the dead silo
    /// could still believe it owns the range (its own failure to reach the others: probes x misses, 2 s), so no
    /// duplicate can activate meanwhile; 3 s leaves a margin.
    /// </summary>
    public static readonly TimeSpan RangeLeaseDuration = TimeSpan.FromSeconds(3);

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
