using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>The GrainStorage contract against the embedded in-memory implementation (manual clock).</summary>
public sealed class InMemoryGrainStorageTests : GrainStorageContract
{
    protected override Task<ClusterBackend> CreateBackendAsync() => Task.FromResult<ClusterBackend>(new InMemoryClusterBackend());

    [Fact]
    public override Task Once_a_takeover_returns_no_write_of_the_old_owner_commits_unseen() => base.Once_a_takeover_returns_no_write_of_the_old_owner_commits_unseen();

    [Fact]
    public override Task Reading_a_missing_record_returns_null() => base.Reading_a_missing_record_returns_null();

    [Fact]
    public override Task Writes_are_conditional_on_the_etag_and_reads_return_the_bytes_written() => base.Writes_are_conditional_on_the_etag_and_reads_return_the_bytes_written();

    [Fact]
    public override Task Of_concurrent_first_writes_exactly_one_succeeds() => base.Of_concurrent_first_writes_exactly_one_succeeds();

    [Fact]
    public override Task Records_are_keyed_by_grain_and_state_name() => base.Records_are_keyed_by_grain_and_state_name();

    [Fact]
    public override Task The_current_owner_writes_with_its_fence() => base.The_current_owner_writes_with_its_fence();

    [Fact]
    public override Task A_write_with_a_stale_fence_is_refused_and_stores_nothing() => base.A_write_with_a_stale_fence_is_refused_and_stores_nothing();

    [Fact]
    public override Task A_write_by_an_owner_whose_lease_expired_is_refused_though_nobody_took_over() => base.A_write_by_an_owner_whose_lease_expired_is_refused_though_nobody_took_over();

    [Fact]
    public override Task A_write_for_a_grain_that_was_unregistered_is_refused() => base.A_write_for_a_grain_that_was_unregistered_is_refused();

    [Fact]
    public override Task Clear_is_conditional_on_the_etag_and_the_fence() => base.Clear_is_conditional_on_the_etag_and_the_fence();
}

/// <summary>The GrainStorage contract against PostgreSQL (a fresh database per test; leases on the database clock).</summary>
public sealed class PostgresGrainStorageTests(PostgresFixture fixture) : GrainStorageContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ClusterBackend> CreateBackendAsync() =>
        await PostgresClusterBackend.CreateAsync(await fixture.Server.CreateDatabaseAsync());

    [PostgresFact]
    public override Task Once_a_takeover_returns_no_write_of_the_old_owner_commits_unseen() => base.Once_a_takeover_returns_no_write_of_the_old_owner_commits_unseen();

    [PostgresFact]
    public override Task Reading_a_missing_record_returns_null() => base.Reading_a_missing_record_returns_null();

    [PostgresFact]
    public override Task Writes_are_conditional_on_the_etag_and_reads_return_the_bytes_written() => base.Writes_are_conditional_on_the_etag_and_reads_return_the_bytes_written();

    [PostgresFact]
    public override Task Of_concurrent_first_writes_exactly_one_succeeds() => base.Of_concurrent_first_writes_exactly_one_succeeds();

    [PostgresFact]
    public override Task Records_are_keyed_by_grain_and_state_name() => base.Records_are_keyed_by_grain_and_state_name();

    [PostgresFact]
    public override Task The_current_owner_writes_with_its_fence() => base.The_current_owner_writes_with_its_fence();

    [PostgresFact]
    public override Task A_write_with_a_stale_fence_is_refused_and_stores_nothing() => base.A_write_with_a_stale_fence_is_refused_and_stores_nothing();

    [PostgresFact]
    public override Task A_write_by_an_owner_whose_lease_expired_is_refused_though_nobody_took_over() => base.A_write_by_an_owner_whose_lease_expired_is_refused_though_nobody_took_over();

    [PostgresFact]
    public override Task A_write_for_a_grain_that_was_unregistered_is_refused() => base.A_write_for_a_grain_that_was_unregistered_is_refused();

    [PostgresFact]
    public override Task Clear_is_conditional_on_the_etag_and_the_fence() => base.Clear_is_conditional_on_the_etag_and_the_fence();
}
