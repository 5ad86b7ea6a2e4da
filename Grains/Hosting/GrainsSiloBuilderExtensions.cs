using ControlPlane.Grains.Sleds;
using ControlPlane.Grains.Sleds.Placement;
using ControlPlane.Grains.Specs;
using ControlPlane.Grains.Vmms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ControlPlane.Grains.Hosting;

/// <summary>Registers what the control plane's grains need in a silo, whatever its clustering and storage.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="SpecValidationOptions"/> from "Specs" and <see cref="VmmOptions"/> from "Vmms"; parses the
    /// sleds this silo hosts from "Sleds" (a list of <c>{id, cpus, memory_mib}</c>), publishes them as silo metadata
    /// (sled placement puts their sled-agent grains here) and announces them to the sled inventory once the silo is
    /// active; idle name-claim and idempotency-key activations are collected early (<see cref="IdleActivationCollection"/>). <paramref name="sleds"/> replaces the "Sleds" section (test clusters hand their sleds in directly).
    /// </summary>
    public static ISiloBuilder AddControlPlaneGrains(this ISiloBuilder silo, SledConfiguration? sleds = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<SpecValidationOptions>().Bind(silo.Configuration.GetSection(SpecValidationOptions.ConfigurationSection));
        silo.Services.AddOptions<VmmOptions>().Bind(silo.Configuration.GetSection(VmmOptions.ConfigurationSection));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Configure<Orleans.Configuration.GrainCollectionOptions>(IdleActivationCollection.Apply);

        sleds ??= SledConfiguration.Parse(silo.Configuration);
        silo.Services.AddSingleton(sleds);
        var metadata = SledSiloMetadata.For(sleds.Sleds);
        silo.UseSiloMetadata(new Dictionary<string, string> { [metadata.Key] = metadata.Value });
        silo.AddPlacementDirector<SledPlacementStrategy, SledPlacementDirector>();
        silo.Services.AddSingleton<SledAnnouncer>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SledAnnouncer>());
        return silo;
    }
}
