using ControlPlane.Grains.Sleds.Placement;
using Xunit;

namespace ControlPlane.Grains.Tests.Sleds;

public sealed class SledSiloMetadataTests
{
    [Fact]
    public void The_sleds_a_silo_publishes_read_back_as_the_same_set()
    {
        var sleds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        Assert.Equal(sleds.ToHashSet(), SledSiloMetadata.Parse(SledSiloMetadata.Format(sleds)).ToHashSet());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-uuid, ,")]
    public void A_silo_hosting_no_sled_or_garbage_lists_none(string? value)
    {
        Assert.Empty(SledSiloMetadata.Parse(value));
    }
}
