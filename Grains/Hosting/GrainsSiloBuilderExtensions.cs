using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Grains.Sleds;
using ControlPlane.Grains.Specs;
using ControlPlane.Grains.Vmms;
using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Grains.Hosting;

/// <summary>Registers what the control plane's grains need from a silo's configuration.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="SpecValidationOptions"/> from "Specs" and <see cref="VmmOptions"/> from "Vmms"; parses the
    /// sleds this silo hosts from "Sleds" (a list of <c>{id, cpus, memory_mib}</c>), gives the silo the role
    /// <c>sled-&lt;id&gt;</c> of each (silo-role placement puts their sled-agent grains here) and announces them
    /// to the sled inventory once the silo runs.
    /// </summary>
    public static ISiloBuilder AddControlPlaneGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<SpecValidationOptions>().Bind(silo.Configuration.GetSection(SpecValidationOptions.ConfigurationSection));
        silo.Services.AddOptions<VmmOptions>().Bind(silo.Configuration.GetSection(VmmOptions.ConfigurationSection));
        silo.Services.TryAddSingleton(TimeProvider.System);

        var sleds = SledConfiguration.Parse(silo.Configuration);
        silo.Services.AddSingleton(sleds);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            foreach (var sled in sleds.Sleds)
            {
                var role = SledRole.For(sled.Id);
                if (!membership.Roles.Contains(role))
                {
                    membership.Roles.Add(role);
                }
            }
        });
        silo.Services.AddHostedService<SledAnnouncer>();
        silo.Services.AddHostedService<Vmms.Watcher.InstanceWatcherKeeper>();
        return silo;
    }
}
