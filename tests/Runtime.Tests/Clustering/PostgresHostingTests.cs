using ControlPlane.Runtime.GrainDirectory;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Postgres;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using ControlPlane.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The silo builder extensions: what a silo resolves from DI, and grain state through a running silo.</summary>
public sealed class PostgresHostingTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [PostgresFact]
    public async Task UsePostgresClustering_registers_the_table_directory_and_stores_over_one_migrated_database()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        await using var services = Build(silo => silo
            .Configure<SiloOptions>(o => (o.ClusterId, o.ServiceId) = ("prod-east", "cp"))
            .UsePostgresClustering(o => o.ConnectionString = connectionString)
            .AddPostgresGrainStorage("vmm-state")
            .AddPostgresGrainStorage("audit", o => (o.ConnectionString, o.ServiceId) = (connectionString, "audit")));

        var table = Assert.IsType<PostgresMembershipTable>(services.GetRequiredService<IMembershipTable>());
        var directory = Assert.IsType<PostgresGrainDirectory>(services.GetRequiredService<IGrainDirectory>());
        var store = Assert.IsType<PostgresGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("vmm-state"));
        var audit = Assert.IsType<PostgresGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("audit"));
        Assert.Equal(("prod-east", "prod-east"), (table.ClusterId, directory.ClusterId));
        Assert.Equal(("cp", "prod-east"), (store.ServiceId, store.ClusterId));
        Assert.Equal(("audit", "prod-east"), (audit.ServiceId, audit.ClusterId));

        await table.InitializeAsync(None);
        await directory.InitializeAsync(None);
        var silo = new SiloAddress("127.0.0.1", 11111, 1);
        await table.JoinAsync(new MembershipEntry { Address = silo, SiloName = "s", Status = SiloLifecycleStatus.Joining }, TimeSpan.FromHours(1), None);
        var owned = await directory.RegisterAsync(new GrainId("vmm", "1"), silo, Guid.NewGuid(), None);
        var key = new GrainStateKey(owned.GrainId, "spec");
        await store.WriteAsync(key, "{\"a\":1}"u8.ToArray(), null, owned.FencingToken, None);

        Assert.Null(await audit.ReadAsync(key, None)); // same database, another service id
        Assert.NotNull(await store.ReadAsync(key, None));
    }

    [PostgresFact]
    public async Task A_grain_persists_its_state_in_postgres_across_silo_restarts()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        var cluster = new TestClusterBuilder()
            .UseBackend(silo => silo.UsePostgresClustering(o => o.ConnectionString = connectionString).AddPostgresGrainStorage("store"))
            .Build();
        await cluster.DeployAsync();
        try
        {
            var grain = cluster.Client.GetGrain<IStatefulGrain>("pg-durable");
            await grain.Set("one");
            await grain.Set("two");
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        await using var again = new TestClusterBuilder()
            .UseBackend(silo => silo.UsePostgresClustering(o => o.ConnectionString = connectionString).AddPostgresGrainStorage("store"))
            .Build();
        await again.DeployAsync();
        var reloaded = await again.Client.GetGrain<IStatefulGrain>("pg-durable").Get();
        Assert.Equal(("two", 2), (reloaded.Name, reloaded.Visits));
    }

    [Fact]
    public void Clustering_without_a_connection_string_fails_when_resolved_and_names_the_option()
    {
        using var services = Build(silo => silo.UsePostgresClustering(_ => { }));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IMembershipTable>());
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddControlPlaneSilo(new ConfigurationBuilder().Build(), configure);
        return services.BuildServiceProvider();
    }
}
