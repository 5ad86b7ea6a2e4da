using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The MembershipTable contract against the embedded in-memory implementation (manual clock).</summary>
public sealed class InMemoryMembershipTableTests : MembershipTableContract
{
    protected override Task<ClusterBackend> CreateBackendAsync() => Task.FromResult<ClusterBackend>(new InMemoryClusterBackend());

    [Fact]
    public override Task Join_adds_a_joining_row_with_a_lease_on_the_table_clock_and_bumps_the_version() => base.Join_adds_a_joining_row_with_a_lease_on_the_table_clock_and_bumps_the_version();

    [Fact]
    public override Task Joining_an_address_twice_fails_and_changes_nothing() => base.Joining_an_address_twice_fails_and_changes_nothing();

    [Fact]
    public override Task Renewing_extends_the_lease_without_bumping_the_version() => base.Renewing_extends_the_lease_without_bumping_the_version();

    [Fact]
    public override Task A_lease_that_expired_cannot_be_renewed_and_the_row_stays_until_declared_dead() => base.A_lease_that_expired_cannot_be_renewed_and_the_row_stays_until_declared_dead();

    [Fact]
    public override Task Renewing_or_changing_a_missing_silo_fails() => base.Renewing_or_changing_a_missing_silo_fails();

    [Fact]
    public override Task Status_changes_bump_the_version_and_repeating_a_status_does_not() => base.Status_changes_bump_the_version_and_repeating_a_status_does_not();

    [Fact]
    public override Task Dead_is_final() => base.Dead_is_final();

    [Fact]
    public override Task Declaring_expired_silos_dead_takes_exactly_the_expired_live_rows_in_one_version_step() => base.Declaring_expired_silos_dead_takes_exactly_the_expired_live_rows_in_one_version_step();

    [Fact]
    public override Task A_snapshot_lists_every_generation_in_join_order() => base.A_snapshot_lists_every_generation_in_join_order();
}

/// <summary>The MembershipTable contract against PostgreSQL (a fresh database per test; leases on the database clock).</summary>
public sealed class PostgresMembershipTableTests(PostgresFixture fixture) : MembershipTableContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ClusterBackend> CreateBackendAsync() =>
        await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());

    [PostgresFact]
    public override Task Join_adds_a_joining_row_with_a_lease_on_the_table_clock_and_bumps_the_version() => base.Join_adds_a_joining_row_with_a_lease_on_the_table_clock_and_bumps_the_version();

    [PostgresFact]
    public override Task Joining_an_address_twice_fails_and_changes_nothing() => base.Joining_an_address_twice_fails_and_changes_nothing();

    [PostgresFact]
    public override Task Renewing_extends_the_lease_without_bumping_the_version() => base.Renewing_extends_the_lease_without_bumping_the_version();

    [PostgresFact]
    public override Task A_lease_that_expired_cannot_be_renewed_and_the_row_stays_until_declared_dead() => base.A_lease_that_expired_cannot_be_renewed_and_the_row_stays_until_declared_dead();

    [PostgresFact]
    public override Task Renewing_or_changing_a_missing_silo_fails() => base.Renewing_or_changing_a_missing_silo_fails();

    [PostgresFact]
    public override Task Status_changes_bump_the_version_and_repeating_a_status_does_not() => base.Status_changes_bump_the_version_and_repeating_a_status_does_not();

    [PostgresFact]
    public override Task Dead_is_final() => base.Dead_is_final();

    [PostgresFact]
    public override Task Declaring_expired_silos_dead_takes_exactly_the_expired_live_rows_in_one_version_step() => base.Declaring_expired_silos_dead_takes_exactly_the_expired_live_rows_in_one_version_step();

    [PostgresFact]
    public override Task A_snapshot_lists_every_generation_in_join_order() => base.A_snapshot_lists_every_generation_in_join_order();
}
