using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Specs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Xunit;

namespace ControlPlane.Grains.Tests.Hosting;

/// <summary>The one configuration path: what a silo built from configuration gets, read back from its services (never started).</summary>
public sealed class GrainsSiloBuilderExtensionsTests
{
    [Fact]
    public void The_silo_configuration_enables_optional_component_families()
    {
        var options = Resolve<SpecValidationOptions>(new() { ["Specs:EnabledFamilies"] = "Falcon, FailureInjection" });
        Assert.Equal(ComponentFamilies.Falcon | ComponentFamilies.FailureInjection, options.EnabledFamilies);
    }

    [Fact]
    public void Idle_instances_name_claims_idempotency_keys_and_reservations_are_collected_early_and_vmms_keep_the_default_age()
    {
        var options = Resolve<GrainCollectionOptions>([]);
        Assert.Equal(IdleActivationCollection.PersistedOnlyAge, options.ClassSpecificCollectionAge[typeof(ControlPlane.Grains.Instances.Naming.InstanceNameGrain).FullName!]);
        Assert.Equal(IdleActivationCollection.PersistedOnlyAge, options.ClassSpecificCollectionAge[typeof(ControlPlane.Grains.Instances.Idempotency.IdempotencyKeyGrain).FullName!]);
        Assert.Equal(IdleActivationCollection.PersistedOnlyAge, options.ClassSpecificCollectionAge[typeof(ControlPlane.Grains.Sleds.Reservations.SledReservationGrain).FullName!]);
        Assert.True(IdleActivationCollection.PersistedOnlyAge < options.CollectionAge);
        Assert.Equal(IdleActivationCollection.PersistedOnlyAge, options.ClassSpecificCollectionAge[typeof(ControlPlane.Grains.Instances.InstanceGrain).FullName!]);
        Assert.False(options.ClassSpecificCollectionAge.ContainsKey(typeof(ControlPlane.Grains.Vmms.Nexus.VmmGrain).FullName!));
        Assert.False(options.ClassSpecificCollectionAge.ContainsKey(typeof(ControlPlane.Grains.Vmms.Sled.SledVmmGrain).FullName!));
    }

    [Fact]
    public void Without_configuration_no_optional_family_is_enabled()
    {
        Assert.Equal(ComponentFamilies.None, Resolve<SpecValidationOptions>([]).EnabledFamilies);
    }

    [Fact]
    public void Silo_identity_comes_from_the_silo_section()
    {
        var cluster = Resolve<ClusterOptions>(new() { ["Silo:ClusterId"] = "c1", ["Silo:ServiceId"] = "s1" });
        Assert.Equal(("c1", "s1"), (cluster.ClusterId, cluster.ServiceId));
        Assert.Equal("silo-x", Resolve<SiloOptions>(new() { ["Silo:SiloName"] = "silo-x" }).SiloName);
    }

    [Fact]
    public void On_postgres_membership_gets_the_projects_failure_detection_unless_orleans_defaults_are_asked_for()
    {
        var postgres = new Dictionary<string, string?> { ["ConnectionStrings:ControlPlane"] = "Host=127.0.0.1;Port=1;Username=x" };
        var tuned = Resolve<ClusterMembershipOptions>(postgres);
        Assert.Equal(FailureDetection.ProbeTimeout, tuned.ProbeTimeout);
        Assert.Equal(FailureDetection.NumMissedProbesLimit, tuned.NumMissedProbesLimit);
        Assert.Equal(FailureDetection.RangeLeaseDuration, Resolve<GrainDirectoryOptions>(postgres).RangeLeaseDuration);

        var stock = Resolve<ClusterMembershipOptions>(new(postgres) { ["Membership:UseOrleansDefaults"] = "true" });
        Assert.Equal(new ClusterMembershipOptions().ProbeTimeout, stock.ProbeTimeout);
        Assert.Equal(new ClusterMembershipOptions().NumMissedProbesLimit, stock.NumMissedProbesLimit);
    }

    [Fact]
    public void An_explicit_membership_setting_wins_over_the_projects_default()
    {
        var options = Resolve<ClusterMembershipOptions>(new()
        {
            ["ConnectionStrings:ControlPlane"] = "Host=127.0.0.1;Port=1;Username=x",
            ["Membership:ProbeTimeout"] = "00:00:03",
        });
        Assert.Equal(TimeSpan.FromSeconds(3), options.ProbeTimeout);
    }

    [Fact]
    public void A_malformed_port_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.Parse(Configuration(new() { ["Endpoints:SiloPort"] = "eleven" })));
        Assert.Contains("Endpoints:SiloPort", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_sled_entry_is_refused_naming_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => Resolve<SpecValidationOptions>(new() { ["Sleds:0:id"] = "not-a-uuid", ["Sleds:0:cpus"] = "1", ["Sleds:0:memory_mib"] = "1" }));
        Assert.Contains("Sleds:0", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static T Resolve<T>(Dictionary<string, string?> values)
        where T : class
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.UseOrleans(silo => silo.UseControlPlaneConfiguration(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<T>>().Value;
    }
}
