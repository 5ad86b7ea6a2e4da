using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.V1;
using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;
using Specs3 = ControlPlane.Grains.Abstractions.Specs.V3;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>Edge cases of the hand-written value types: defaults, validation, order, normalisation.</summary>
public sealed class ValueTypeSerializationTests
{
    [Fact]
    public void Default_generation_serializes_and_reads_back_as_default()
    {
        // default(Generation) is not a valid generation, but a struct can always hold it (an unset field): the codec
        // writes its field and reads it back without running the validating constructor.
        Assert.Equal(default, OrleansWire.RoundTrip(default(Generation)));
        Assert.Equal(default, OrleansWire.Copier.Copy(default(Generation)));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(long.MaxValue)]
    public void Valid_generations_round_trip_and_still_compare(long value)
    {
        var copy = OrleansWire.RoundTrip(new Generation(value));
        Assert.Equal(value, copy.Value);
        Assert.Equal(new Generation(value), copy);
        Assert.True(value == long.MaxValue || copy.Next() > copy);
    }

    [Fact]
    public void Spec_keys_keep_their_kind_and_canonical_text()
    {
        var uuid = Guid.Parse("E38E9FA0-B1C2-4D34-F506-7B8C9D0E1F09");
        var fromBraces = SpecKey.Parse("{" + uuid.ToString("D").ToUpperInvariant() + "}");
        var copy = OrleansWire.RoundTrip(fromBraces);
        Assert.True(copy.IsUuid);
        Assert.Equal(uuid, copy.Uuid);
        Assert.Equal(uuid.ToString("D"), copy.ToString());

        var name = OrleansWire.RoundTrip(SpecKey.Parse(" not-a-uuid "));
        Assert.False(name.IsUuid);
        Assert.Equal(" not-a-uuid ", name.ToString());
    }

    [Fact]
    public void Component_maps_keep_spec_key_order()
    {
        var copy = OrleansWire.RoundTrip(WireSamples.AllComponents);
        Assert.Equal(WireSamples.AllComponents.Keys, copy.Keys);
        Assert.Equal(WireSamples.AllComponents.Values.Select(v => v.Kind), copy.Values.Select(v => v.Kind));
        Assert.Equal(Enum.GetValues<ComponentKind>().Order(), copy.Values.Select(v => v.Kind).Order());
    }

    [Fact]
    public void Empty_collections_read_back_as_the_shared_empty_values()
    {
        Assert.Same(ValueList<Guid>.Empty, OrleansWire.RoundTrip(ValueList<Guid>.Empty));
        Assert.Same(ComponentMap<Specs3.IComponent>.Empty, OrleansWire.RoundTrip(ComponentMap<Specs3.IComponent>.Empty));
    }

    [Fact]
    public void Value_lists_keep_order_and_duplicates()
    {
        ValueList<int> list = [3, 1, 3, 2];
        Assert.Equal(list, OrleansWire.RoundTrip(list));
    }

    [Fact]
    public void A_default_nvme_serial_reads_back_as_twenty_zero_bytes()
    {
        var copy = OrleansWire.RoundTrip(default(NvmeSerialNumber));
        Assert.Equal(default, copy);
        Assert.Equal(new byte[NvmeSerialNumber.Length], copy.Bytes.ToArray());
    }

    [Fact]
    public void Pci_paths_and_worker_counts_round_trip_at_their_limits()
    {
        Assert.Equal(new PciPath(255, 31, 7), OrleansWire.RoundTrip(new PciPath(255, 31, 7)));
        Assert.Equal(new FileBackendWorkers(uint.MaxValue), OrleansWire.RoundTrip(new FileBackendWorkers(uint.MaxValue)));
    }

    [Fact]
    public void Immutable_wire_values_are_shared_not_copied_by_the_deep_copier()
    {
        Assert.Same(WireSamples.SpecV3, OrleansWire.Copier.Copy(WireSamples.SpecV3));
        Assert.Same(WireSamples.AllComponents, OrleansWire.Copier.Copy(WireSamples.AllComponents));
        Assert.Same(WireSamples.VmmView, OrleansWire.Copier.Copy(WireSamples.VmmView));
    }
}
