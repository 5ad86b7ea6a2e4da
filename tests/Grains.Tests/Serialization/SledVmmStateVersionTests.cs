using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;
using V1 = ControlPlane.Grains.Abstractions.Vmms.V1;
using V2 = ControlPlane.Grains.Abstractions.Vmms.V2;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>
/// The V1 and V2 sled VMM state types have their own aliases but share field ids (V2's <c>failure_reason</c>
/// has a new one), so bytes written by one version read as the other: Orleans skips fields it does not know.
/// A value written by <c>Serialize&lt;T&gt;</c> carries no type name when its runtime type is the declared one,
/// so the reader's declared type decides the codec.
/// </summary>
public sealed class SledVmmStateVersionTests
{
    [Fact]
    public void V2_bytes_read_as_v1_drop_only_the_failure_reason()
    {
        var v1 = OrleansWire.ReadAs<V2.SledVmmState, V1.SledVmmState>(WireSamples.SledStateV2);
        Assert.Equal(WireSamples.SledStateV2.ToV1(), v1);
    }

    [Fact]
    public void V1_bytes_read_as_v2_have_no_failure_reason()
    {
        var v2 = OrleansWire.ReadAs<V1.SledVmmState, V2.SledVmmState>(WireSamples.SledStateV1);
        Assert.Equal(V2.SledVmmState.FromV1(WireSamples.SledStateV1), v2);
        Assert.Null(v2.VmmState.FailureReason);
    }

    [Fact]
    public void Runtime_states_read_across_versions_too()
    {
        var v2 = WireSamples.SledStateV2.VmmState;
        Assert.Equal(v2.ToV1(), OrleansWire.ReadAs<V2.VmmRuntimeState, V1.VmmRuntimeState>(v2));
        Assert.Equal(V2.VmmRuntimeState.FromV1(v2.ToV1()), OrleansWire.ReadAs<V1.VmmRuntimeState, V2.VmmRuntimeState>(v2.ToV1()));
    }

    [Fact]
    public void Nulls_and_missing_migration_sides_read_across_versions()
    {
        var bare = new V2.SledVmmState
        {
            VmmState = new V2.VmmRuntimeState { State = V1.VmmState.Running, Gen = new Generation(2), TimeUpdated = WireSamples.Time },
        };
        Assert.Equal(bare.ToV1(), OrleansWire.ReadAs<V2.SledVmmState, V1.SledVmmState>(bare));
        Assert.Equal(bare, OrleansWire.ReadAs<V1.SledVmmState, V2.SledVmmState>(bare.ToV1()));
    }

    [Fact]
    public void Behind_object_each_version_keeps_its_own_alias()
    {
        Assert.IsType<V1.SledVmmState>(OrleansWire.RoundTrip<object>(WireSamples.SledStateV1));
        Assert.IsType<V2.SledVmmState>(OrleansWire.RoundTrip<object>(WireSamples.SledStateV2));
    }
}
