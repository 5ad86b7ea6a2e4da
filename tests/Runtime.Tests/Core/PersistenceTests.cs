using System.Text;
using ControlPlane.Runtime.Tests.Grains;
using Xunit;

namespace ControlPlane.Runtime.Tests.Core;

public sealed class PersistenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task State_starts_empty_then_writes_bump_the_etag()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>("fresh");
        Assert.False(await grain.Exists());
        Assert.Null(await grain.Etag());

        await grain.Set("one");
        var first = await grain.Etag();
        await grain.Set("two");

        Assert.True(await grain.Exists());
        Assert.NotNull(first);
        Assert.NotEqual(first, await grain.Etag());
        Assert.Equal("two", (await grain.Get()).Name);
    }

    [Fact]
    public async Task A_stale_write_throws_InconsistentStateException_and_changes_nothing()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>("contended");
        await grain.Set("mine");
        var key = new GrainStateKey(grain.GetGrainId(), "profile");
        var stored = await fixture.Store.ReadAsync(key, CancellationToken.None);

        // Someone else (another writer holding the current ETag) writes first.
        var theirs = Encoding.UTF8.GetBytes("{\"Name\":\"theirs\",\"Visits\":99}");
        var newEtag = await fixture.Store.WriteAsync(key, theirs, stored!.Etag, 0, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("late"));

        var after = await fixture.Store.ReadAsync(key, CancellationToken.None);
        Assert.Equal(newEtag, after!.Etag);
        Assert.Equal("{\"Name\":\"theirs\",\"Visits\":99}", Encoding.UTF8.GetString(after.Payload.Span));

        await grain.Reload(); // after re-reading, writes succeed again
        await grain.Set("again");
        Assert.Equal(100, (await grain.Get()).Visits);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_resets_the_state()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>("cleared");
        await grain.Set("x");
        await grain.Clear();

        Assert.False(await grain.Exists());
        Assert.Null(await grain.Etag());
        Assert.Equal("", (await grain.Get()).Name);
        Assert.Null(await fixture.Store.ReadAsync(new GrainStateKey(grain.GetGrainId(), "profile"), CancellationToken.None));

        await grain.Set("y"); // writing after a clear creates the record again
        Assert.True(await grain.Exists());
    }

    [Fact]
    public async Task A_stale_clear_throws_and_keeps_the_record()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>("stale-clear");
        await grain.Set("a");
        var key = new GrainStateKey(grain.GetGrainId(), "profile");
        var stored = await fixture.Store.ReadAsync(key, CancellationToken.None);
        await fixture.Store.WriteAsync(key, stored!.Payload, stored.Etag, 0, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Clear());
        Assert.NotNull(await fixture.Store.ReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Unsaved_changes_to_State_do_not_reach_the_store()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>("unsaved");
        await grain.Set("saved");
        var state = await grain.Get();
        state.Name = "mutated by the caller"; // a copy: the grain's State is not touched

        Assert.Equal("saved", (await grain.Get()).Name);
    }
}
