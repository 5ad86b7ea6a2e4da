using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Instances.Sagas;
using ControlPlane.Grains.Testing.Faults;
using ControlPlane.Grains.Sleds;
using ControlPlane.Grains.Specs;
using ControlPlane.Grains.Vmms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace ControlPlane.Grains.Testing;

/// <summary>
/// Makes a TestCluster silo a control-plane silo: the grains, the sleds it hosts (by default both <see cref="TestSleds"/>
/// on the primary silo), millisecond VMM timings, a watcher that runs only when asked, and storage in memory or on
/// PostgreSQL (<see cref="ControlPlaneTestSettings"/>). The Silo executable's storage and grain wiring; endpoints,
/// membership and the strongly consistent directory are TestCluster's (it always turns that directory on). Fault
/// injection (<see cref="StorageFaults"/>, <see cref="GrainCallFaults"/>) is installed and idle until a test sets a rule.
/// </summary>
public sealed class ControlPlaneSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var configuration = siloBuilder.Configuration;
        var siloName = configuration["Orleans:Name"] ?? configuration["Name"] ?? ControlPlaneTestSettings.PrimarySiloName;
        var sleds = configuration[$"{ControlPlaneTestSettings.SiloSleds}:{siloName}"]
            ?? configuration[ControlPlaneTestSettings.Sleds]
            ?? (siloName == ControlPlaneTestSettings.PrimarySiloName ? $"{TestSleds.A},{TestSleds.B}" : string.Empty);
        var cpus = configuration.GetValue(ControlPlaneTestSettings.SledCpus, 16);
        var hosted = sleds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => new SledDescription { Id = Guid.Parse(id), Cpus = cpus, MemoryMib = 65536 });

        // Defaults first: "Specs" from configuration is bound after this and wins.
        siloBuilder.Services.Configure<SpecValidationOptions>(o => o.EnabledFamilies = ComponentFamilies.Falcon | ComponentFamilies.FailureInjection);

        // Test timings first: "Vmms" from configuration is bound after these and wins.
        siloBuilder.Services.Configure<VmmOptions>(ApplyTestTimings);
        siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        // As the Silo executable does: "Messaging" and "Reminders" from configuration (after the defaults above).
        siloBuilder.BindEngineSections(configuration);

        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        siloBuilder.UseControlPlaneStorage(string.IsNullOrWhiteSpace(connectionString) ? null : connectionString);
        siloBuilder.Services.AddFaultInjection();
        if (configuration[ControlPlaneTestSettings.CrashAfterStep] is { Length: > 0 } crashAfter && configuration[ControlPlaneTestSettings.CrashMarker] is { Length: > 0 } marker)
        {
            var (kind, step) = ProcessKillingSagaStepObserver.Parse(crashAfter);
            siloBuilder.Services.AddSingleton<ISagaStepObserver>(new ProcessKillingSagaStepObserver(kind, step, marker, siloName));
        }

        if (ControlPlaneTestSettings.UsesPostgresClustering(configuration))
        {
            siloBuilder.UseControlPlaneAdoNetClustering(connectionString!, configuration);
        }

        siloBuilder.AddControlPlaneGrains(new SledConfiguration([.. hosted]));
    }

    /// <summary>Milliseconds instead of seconds, so lifecycle scenarios run fast; the watcher (8 shards) waits for an explicit pass.</summary>
    public static void ApplyTestTimings(VmmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BootDuration = TimeSpan.FromMilliseconds(20);
        options.StopDuration = TimeSpan.FromMilliseconds(20);
        options.RebootDuration = TimeSpan.FromMilliseconds(20);
        options.MigrationDuration = TimeSpan.FromMilliseconds(50);
        options.DoorbellRetryInitialDelay = TimeSpan.FromMilliseconds(10);
        options.DoorbellRetryMaxDelay = TimeSpan.FromMilliseconds(100);
        options.WatcherPeriod = TimeSpan.FromHours(1);
        options.WatcherReminderPeriod = TimeSpan.FromHours(1);
        options.WatcherShards = 8; // more than one, few enough that a pass over every shard stays cheap
        options.AutoRestartCooldown = TimeSpan.Zero;
    }
}
