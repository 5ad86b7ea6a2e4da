using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The GrainDirectory contract against the embedded in-memory implementation (manual clock).</summary>
public sealed class InMemoryGrainDirectoryTests : GrainDirectoryContract
{
    protected override Task<ClusterBackend> CreateBackendAsync() => Task.FromResult<ClusterBackend>(new InMemoryClusterBackend());

    [Fact]
    public override Task The_first_registration_wins_with_a_fence_and_lookup_finds_it() => base.The_first_registration_wins_with_a_fence_and_lookup_finds_it();

    [Fact]
    public override Task A_later_registration_gets_the_live_owner_unchanged() => base.A_later_registration_gets_the_live_owner_unchanged();

    [Fact]
    public override Task A_hundred_concurrent_registrations_from_three_silos_have_exactly_one_winner() => base.A_hundred_concurrent_registrations_from_three_silos_have_exactly_one_winner();

    [Fact]
    public override Task An_entry_is_taken_over_once_its_silo_is_Dead_and_not_before() => base.An_entry_is_taken_over_once_its_silo_is_Dead_and_not_before();

    [Fact]
    public override Task An_entry_is_taken_over_once_its_owner_lease_expired_even_if_nobody_declared_it_dead() => base.An_entry_is_taken_over_once_its_owner_lease_expired_even_if_nobody_declared_it_dead();

    [Fact]
    public override Task An_entry_whose_silo_is_not_in_the_membership_table_is_taken_over() => base.An_entry_whose_silo_is_not_in_the_membership_table_is_taken_over();

    [Fact]
    public override Task Unregistering_with_a_stale_fence_does_nothing() => base.Unregistering_with_a_stale_fence_does_nothing();

    [Fact]
    public override Task Fences_increase_across_grains_takeovers_and_re_registrations() => base.Fences_increase_across_grains_takeovers_and_re_registrations();
}

/// <summary>The GrainDirectory contract against PostgreSQL (a fresh database per test; leases on the database clock).</summary>
public sealed class PostgresGrainDirectoryTests(PostgresFixture fixture) : GrainDirectoryContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ClusterBackend> CreateBackendAsync() =>
        await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());

    [PostgresFact]
    public override Task The_first_registration_wins_with_a_fence_and_lookup_finds_it() => base.The_first_registration_wins_with_a_fence_and_lookup_finds_it();

    [PostgresFact]
    public override Task A_later_registration_gets_the_live_owner_unchanged() => base.A_later_registration_gets_the_live_owner_unchanged();

    [PostgresFact]
    public override Task A_hundred_concurrent_registrations_from_three_silos_have_exactly_one_winner() => base.A_hundred_concurrent_registrations_from_three_silos_have_exactly_one_winner();

    [PostgresFact]
    public override Task An_entry_is_taken_over_once_its_silo_is_Dead_and_not_before() => base.An_entry_is_taken_over_once_its_silo_is_Dead_and_not_before();

    [PostgresFact]
    public override Task An_entry_is_taken_over_once_its_owner_lease_expired_even_if_nobody_declared_it_dead() => base.An_entry_is_taken_over_once_its_owner_lease_expired_even_if_nobody_declared_it_dead();

    [PostgresFact]
    public override Task An_entry_whose_silo_is_not_in_the_membership_table_is_taken_over() => base.An_entry_whose_silo_is_not_in_the_membership_table_is_taken_over();

    [PostgresFact]
    public override Task Unregistering_with_a_stale_fence_does_nothing() => base.Unregistering_with_a_stale_fence_does_nothing();

    [PostgresFact]
    public override Task Fences_increase_across_grains_takeovers_and_re_registrations() => base.Fences_increase_across_grains_takeovers_and_re_registrations();
}
