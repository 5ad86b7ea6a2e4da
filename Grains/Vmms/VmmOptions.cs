namespace ControlPlane.Grains.Vmms;

/// <summary>
/// Timings of the simulated sled and of the Nexus side (section "Vmms"). Defaults suit a demo; tests
/// shorten them so that scenarios run in milliseconds.
/// </summary>
public sealed class VmmOptions
{
    public const string ConfigurationSection = "Vmms";

    /// <summary>How long the simulated Propolis takes from starting to running.</summary>
    public TimeSpan BootDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stop (or a guest shutdown) takes before the process is gone.</summary>
    public TimeSpan StopDuration { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RebootDuration { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MigrationDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a migration source looks at its target while migrating out; a target that is gone (its sled down, or
    /// unregistered by an unwinding saga) fails the migration and the source runs on, as Propolis' source does when
    /// its connection to the target drops.
    /// </summary>
    public TimeSpan MigrationTargetCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a stop request the sled forces destroyed if the VMM has not stopped by then (Omicron: 10 min).</summary>
    public TimeSpan StopGraceTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First retry delay of a failed doorbell; doubles up to <see cref="DoorbellRetryMaxDelay"/>, forever.</summary>
    public TimeSpan DoorbellRetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan DoorbellRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Period of the instance watcher's passes.</summary>
    public TimeSpan WatcherPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Period of the reminder that reactivates the watcher after its silo died (at least Orleans'
    /// <c>ReminderOptions.MinimumReminderPeriod</c>, 1 minute by default; tests lower both).
    /// </summary>
    public TimeSpan WatcherReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most VMM checks one watcher shard's pass runs at once.</summary>
    public int WatcherConcurrency { get; set; } = 16;

    /// <summary>
    /// How many watcher shards VMMs are hashed over (<see cref="Abstractions.Vmms.WatcherShard"/>); each persists only its
    /// own set. Fixed for the life of a cluster's storage: changing it re-homes VMMs only as they are next enrolled.
    /// </summary>
    public int WatcherShards { get; set; } = 1024;

    /// <summary>Minimum time between automatic restarts of one instance, unless the instance sets its own.</summary>
    public TimeSpan AutoRestartCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Newest state version the sled side serves (lower it to simulate an older sled-agent).</summary>
    public int SledMaxApiVersion { get; set; } = Abstractions.Vmms.SledVmmApiVersion.Latest;

    /// <summary>Newest state version the Nexus side understands.</summary>
    public int NexusMaxApiVersion { get; set; } = Abstractions.Vmms.SledVmmApiVersion.Latest;
}
