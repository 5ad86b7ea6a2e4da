using System.Text.Json;
using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Tests.Vmms;

public sealed class SledVmmStateWireTests
{
    private static readonly DateTimeOffset Time = new(2026, 4, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid MigrationId = Guid.Parse("1b0e9a0c-2b5c-4a49-9d8e-0f3a4cf8a001");

    [Fact]
    public void Version_1_is_omicrons_json_exactly()
    {
        var state = new V1.SledVmmState
        {
            VmmState = new V1.VmmRuntimeState { State = V1.VmmState.Running, Gen = new Generation(4), TimeUpdated = Time },
            MigrationIn = new V1.MigrationRuntimeState { MigrationId = MigrationId, State = V1.MigrationState.InProgress, Gen = new Generation(2), TimeUpdated = Time },
        };

        var json = JsonSerializer.Serialize(state);

        Assert.Equal(
            """{"vmm_state":{"state":"running","gen":4,"time_updated":"2026-04-20T12:00:00+00:00"},"migration_in":{"migration_id":"1b0e9a0c-2b5c-4a49-9d8e-0f3a4cf8a001","state":"in_progress","gen":2,"time_updated":"2026-04-20T12:00:00+00:00"},"migration_out":null}""",
            json);
        Assert.Equal(state, JsonSerializer.Deserialize<V1.SledVmmState>(json));
    }

    [Fact]
    public void Omicron_v1_documents_parse()
    {
        const string json = """{"vmm_state":{"state":"destroyed","gen":9,"time_updated":"2026-04-20T12:00:00Z"},"migration_in":null,"migration_out":null}""";
        var state = JsonSerializer.Deserialize<V1.SledVmmState>(json)!;
        Assert.Equal(V1.VmmState.Destroyed, state.VmmState.State);
        Assert.Equal(9, state.VmmState.Gen.Value);
    }

    [Fact]
    public void Version_2_adds_failure_reason_and_converts_down_by_dropping_it()
    {
        var v2 = new V2.SledVmmState
        {
            VmmState = new V2.VmmRuntimeState { State = V1.VmmState.Failed, Gen = new Generation(7), TimeUpdated = Time, FailureReason = "propolis process exited" },
        };

        Assert.Contains("\"failure_reason\":\"propolis process exited\"", JsonSerializer.Serialize(v2), StringComparison.Ordinal);
        var v1 = v2.ToV1();
        Assert.DoesNotContain("failure_reason", JsonSerializer.Serialize(v1), StringComparison.Ordinal);
        Assert.Equal(new V1.VmmRuntimeState { State = V1.VmmState.Failed, Gen = new Generation(7), TimeUpdated = Time }, v1.VmmState);
        Assert.Equal(v2 with { VmmState = v2.VmmState with { FailureReason = null } }, V2.SledVmmState.FromV1(v1));
    }

    [Theory]
    [InlineData("""{"state":"running","gen":-1,"time_updated":"2026-04-20T12:00:00Z"}""")]
    [InlineData("""{"state":"running","gen":9223372036854775808,"time_updated":"2026-04-20T12:00:00Z"}""")]
    [InlineData("""{"state":"running","gen":1.5,"time_updated":"2026-04-20T12:00:00Z"}""")]
    [InlineData("""{"state":"running","gen":"4","time_updated":"2026-04-20T12:00:00Z"}""")]
    [InlineData("""{"state":1,"gen":4,"time_updated":"2026-04-20T12:00:00Z"}""")]
    [InlineData("""{"state":"Running ","gen":4,"time_updated":"2026-04-20T12:00:00Z"}""")]
    public void Malformed_states_are_refused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<V1.VmmRuntimeState>(json));
    }

    [Theory]
    [InlineData("""{"state":"running","gen":0,"time_updated":"2026-12-01T11:22:33.123456789Z"}""", 0L)]
    [InlineData("""{"state":"running","gen":9223372036854775807,"time_updated":"2026-12-01T11:22:33.5+00:00","failure_reason":"from a newer writer"}""", long.MaxValue)]
    public void Version_1_is_read_as_omicron_writes_it(string json, long gen)
    {
        // Omicron: Generation 0 through i64::MAX, unknown members ignored, RFC 3339 with 9 fractional digits and Z (Rust).
        var state = JsonSerializer.Deserialize<V1.VmmRuntimeState>(json)!;
        Assert.Equal(gen, state.Gen.Value);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 11, 22, 33, TimeSpan.Zero), state.TimeUpdated.AddTicks(-(state.TimeUpdated.Ticks % TimeSpan.TicksPerSecond)));
        var sled = JsonSerializer.Deserialize<V1.SledVmmState>($$"""{"vmm_state":{{json}},"migration_in":null,"extra":[1]}""")!;
        Assert.Null(sled.MigrationIn);
    }

    [Fact]
    public void The_newest_common_version_is_negotiated()
    {
        Assert.Equal(1, SledVmmApiVersion.Negotiate(sledMax: 1, nexusMax: 2));
        Assert.Equal(2, SledVmmApiVersion.Negotiate(sledMax: 5, nexusMax: 2));
        Assert.Equal(1, SledVmmApiVersion.Negotiate(sledMax: 2, nexusMax: 1));
    }
}
