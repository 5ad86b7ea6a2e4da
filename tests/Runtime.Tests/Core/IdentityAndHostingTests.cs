using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ControlPlane.Runtime.Tests.Core;

public sealed class IdentityAndHostingTests
{
    [Fact]
    public void Grain_ids_round_trip_through_their_text_form_and_keep_keys_typed()
    {
        var guid = Guid.NewGuid();
        var id = new GrainId("keys", GrainKeyFormat.FromGuidCompound(guid, "a+b"));

        var parsed = GrainId.Parse(id.ToString());

        Assert.Equal(id, parsed);
        Assert.Equal(guid, GrainKeyFormat.ToGuid(parsed.Key, out var extension));
        Assert.Equal("a+b", extension); // only the first '+' separates the extension
        Assert.Equal(-7, GrainKeyFormat.ToInteger(GrainKeyFormat.FromInteger(-7), out _));
        Assert.Throws<FormatException>(() => GrainId.Parse("no-slash"));
        Assert.Throws<ArgumentException>(() => new GrainId("a/b", "k"));
        Assert.Throws<FormatException>(() => GrainKeyFormat.ToGuid("not-a-guid", out _));
    }

    [Fact]
    public void Stable_hashes_do_not_depend_on_the_process()
    {
        // FNV-1a of "a" is a published constant; string.GetHashCode would differ per process.
        Assert.Equal(0xe40c292cu, StableHash.Fnv1a("a"));
        Assert.Equal(new GrainId("t", "k").GetStableHash(), new GrainId("t", "k").GetStableHash());
    }

    [Fact]
    public void Method_identity_comes_from_aliases_not_declaration_order()
    {
        var poco = GrainManifest.InterfaceOf(typeof(IPocoGrain));
        var hello = poco.Methods.Single(m => m.Name == nameof(IPocoGrain.Hello));
        Assert.Equal("hello-v1", hello.MethodAlias);
        Assert.Equal(StableHash.Fnv1a(typeof(IPocoGrain).FullName + "::hello-v1"), hello.MethodId);

        var counter = GrainManifest.InterfaceOf(typeof(ICounterGrain));
        var increment = counter.Methods.Single(m => m.Name == nameof(ICounterGrain.Increment));
        Assert.Equal("Increment(int)", increment.MethodAlias);
        Assert.Same(increment, counter.FindMethod(increment.MethodId));
    }

    [Fact]
    public void Generated_method_flags_reflect_the_interface_attributes()
    {
        var methods = GrainManifest.InterfaceOf(typeof(IInterleavingGrain)).Methods.ToDictionary(m => m.Name);
        Assert.True(methods["Read"].IsReadOnly);
        Assert.False(methods["Write"].IsReadOnly);
        Assert.True(methods["Peek"].IsAlwaysInterleave);
        Assert.True(GrainManifest.InterfaceOf(typeof(IOneWayGrain)).Methods.Single(m => m.Name == "Notify").IsOneWay);
        Assert.Equal(TimeSpan.FromMilliseconds(200), GrainManifest.InterfaceOf(typeof(ISlowGrain)).Methods.Single(m => m.Name == "SleepWithShortTimeout").ResponseTimeout);
    }

    [Fact]
    public void Defaults_match_orleans()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new MessagingOptions().ResponseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), new GrainCollectionOptions().CollectionAge);
        Assert.Equal(TimeSpan.FromMinutes(1), new GrainCollectionOptions().CollectionQuantum);
        Assert.Equal(Environment.ProcessorCount, new StatelessWorkerAttribute().MaxLocalWorkers);
        Assert.Equal(TimeSpan.FromSeconds(1), GrainManifest.FindClass(typeof(LifecycleGrain))!.CollectionAge);
    }

    [Fact]
    public void Constructing_a_grain_with_new_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CounterGrain());
        Assert.Contains("GetGrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_runs_on_the_classic_generic_host_builder_and_exposes_the_cluster_client()
    {
        using var host = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(s => s.AddSingleton(new ProbeLog()))
            .UseControlPlaneSilo((_, silo) => silo.AddMemoryGrainStorageAsDefault())
            .Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IClusterClient>();
        Assert.Same(client, host.Services.GetRequiredService<IGrainFactory>());
        Assert.Equal(3, await client.GetGrain<ICounterGrain>(1).Increment(3));
        Assert.Equal(SiloStatus.Running, host.Services.GetRequiredService<Silo>().Status);

        await host.StopAsync();
        Assert.Equal(SiloStatus.Stopped, host.Services.GetRequiredService<Silo>().Status);
        await Assert.ThrowsAsync<GrainCallRejectedException>(() => client.GetGrain<ICounterGrain>(2).Increment(1));
    }

    [Fact]
    public void A_host_cannot_carry_two_silos()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseControlPlaneSilo();
        Assert.Throws<InvalidOperationException>(() => builder.UseControlPlaneSilo());
    }
}
