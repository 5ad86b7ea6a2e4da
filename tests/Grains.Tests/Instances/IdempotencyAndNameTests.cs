using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Instances.Registry;
using ControlPlane.Grains.Instances.Idempotency;
using ControlPlane.Grains.Tests.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Instances;

/// <summary>Idempotency keys (the pure rules) and names claimed one grain per name.</summary>
public sealed class IdempotencyAndNameTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Idempotency_key_first_use_binds_the_fingerprint_and_a_new_instance_id()
    {
        var id = Guid.NewGuid();
        var (state, claim) = IdempotencyKeyRules.Claim(null, "abc", id, T);
        Assert.Equal(new IdempotencyClaim { InstanceId = id, SameRequest = true, Completed = false }, claim);
        Assert.Equal(("abc", id, T), (state.Fingerprint, state.InstanceId, state.FirstUsed));
    }

    [Fact]
    public void Idempotency_key_reused_with_the_same_request_gets_the_same_instance_and_with_another_is_refused()
    {
        var (state, first) = IdempotencyKeyRules.Claim(null, "abc", Guid.NewGuid(), T);
        state = state with { Completed = true };
        var (kept, same) = IdempotencyKeyRules.Claim(state, "abc", Guid.NewGuid(), T + IdempotencyClaim.Retention);
        Assert.Equal(state, kept);
        Assert.Equal(new IdempotencyClaim { InstanceId = first.InstanceId, SameRequest = true, Completed = true }, same);
        var (_, other) = IdempotencyKeyRules.Claim(state, "xyz", Guid.NewGuid(), T.AddHours(1));
        Assert.False(other.SameRequest);
        Assert.Equal(first.InstanceId, other.InstanceId);
    }

    [Fact]
    public void Idempotency_key_older_than_the_retention_may_be_used_afresh()
    {
        var (state, first) = IdempotencyKeyRules.Claim(null, "abc", Guid.NewGuid(), T);
        var fresh = Guid.NewGuid();
        var (next, claim) = IdempotencyKeyRules.Claim(state, "xyz", fresh, T + IdempotencyClaim.Retention + TimeSpan.FromSeconds(1));
        Assert.True(claim.SameRequest);
        Assert.Equal(fresh, claim.InstanceId);
        Assert.NotEqual(first.InstanceId, next.InstanceId);
    }

    [Fact]
    public async Task Idempotency_of_create_the_same_id_twice_is_one_instance()
    {
        await using var c = await VmmCluster.StartAsync();
        var id = Guid.NewGuid();
        var created = await c.Instance(id).Create(VmmCluster.Request("web", start: false));
        var again = await c.Instance(id).Create(VmmCluster.Request("web", start: false));
        Assert.Equal((created.Id, created.Generation), (again.Id, again.Generation));
        Assert.Single(await c.Client.All());
    }

    [Fact]
    public async Task A_name_claimed_by_an_instance_that_never_came_to_exist_is_reclaimed()
    {
        await using var c = await VmmCluster.StartAsync();
        var ghost = Guid.NewGuid(); // claimed the name, then its create died before writing the instance
        Assert.Equal(ghost, await c.Client.GetGrain<IInstanceNameGrain>("web").Claim(ghost));
        var id = Guid.NewGuid();
        await c.Instance(id).Create(VmmCluster.Request("web", start: false));
        Assert.Equal(id, await c.Client.GetGrain<IInstanceNameGrain>("web").Holder());
        // The ghost's create, retried, now finds the name taken by a live instance.
        await Assert.ThrowsAsync<InstanceNameInUseException>(() => c.Instance(ghost).Create(VmmCluster.Request("web", start: false)));
        Assert.Null(await c.Instance(ghost).Find());
    }

    [Fact]
    public async Task A_deleted_instance_gives_its_name_back()
    {
        await using var c = await VmmCluster.StartAsync();
        var first = Guid.NewGuid();
        await c.Instance(first).Create(VmmCluster.Request("web", start: false));
        await c.Instance(first).Delete();
        Assert.Null(await c.Client.GetGrain<IInstanceNameGrain>("web").Holder());
        var second = Guid.NewGuid();
        await c.Instance(second).Create(VmmCluster.Request("web", start: false));
        Assert.Equal(second, await c.Client.GetGrain<IInstanceNameGrain>("web").Holder());
        Assert.Equal([second], await c.Client.All());
    }

    [Fact]
    public async Task Saga_delete_whose_name_release_failed_leaves_a_name_the_next_create_takes_over()
    {
        await using var c = await VmmCluster.StartAsync();
        var first = Guid.NewGuid();
        await c.Instance(first).Create(VmmCluster.Request("web", start: false));
        c.CallFaults.FailCall<IInstanceNameGrain>("Release");
        await Assert.ThrowsAnyAsync<Exception>(() => c.Instance(first).Delete());
        Assert.Equal(first, await c.Client.GetGrain<IInstanceNameGrain>("web").Holder()); // past the point of no return: not undone
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => c.Instance(first).Get());
        var second = Guid.NewGuid();
        await c.Instance(second).Create(VmmCluster.Request("web", start: false));
        Assert.Equal(second, await c.Client.GetGrain<IInstanceNameGrain>("web").Holder());
    }
}
