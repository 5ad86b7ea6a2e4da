using System.Reflection;
using System.Text;
using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Abstractions.Vmms;
using Orleans;
using Xunit;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>Every wire type survives Orleans' serializer and deep copier unchanged, as itself and behind <c>object</c>.</summary>
public sealed class WireTypeRoundTripTests
{
    private static readonly Assembly Abstractions = typeof(IVmmGrain).Assembly;

    public static TheoryData<string> SampleNames => new(WireSamples.All.Keys);

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Round_trips_as_its_own_type(string name)
    {
        var sample = WireSamples.All[name];
        var copy = Invoke(nameof(OrleansWire.RoundTrip), sample);
        Assert.IsType(sample.GetType(), copy);
        Assert.Equal(sample, copy);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Round_trips_behind_object_by_alias(string name)
    {
        var sample = WireSamples.All[name];
        var bytes = OrleansWire.Serializer.SerializeToArray<object>(sample);
        var copy = OrleansWire.Serializer.Deserialize<object>(bytes);
        Assert.IsType(sample.GetType(), copy);
        Assert.Equal(sample, copy);
        // Polymorphic values carry their type by alias, never by CLR name, so a rename cannot break a rolling upgrade.
        Assert.DoesNotContain("ControlPlane.Grains", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Deep_copies_to_an_equal_value(string name)
    {
        var sample = WireSamples.All[name];
        var copy = Invoke(nameof(Copy), sample);
        Assert.IsType(sample.GetType(), copy);
        Assert.Equal(sample, copy);
    }

    [Fact]
    public void Every_generated_wire_type_has_a_sample()
    {
        var sampled = WireSamples.All.Values.Select(v => v.GetType()).ToHashSet();
        var missing = Abstractions.GetTypes()
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !t.IsAbstract && !t.IsGenericTypeDefinition)
            .Where(t => !typeof(Exception).IsAssignableFrom(t) && t.Namespace != "ControlPlane.Grains.Abstractions.Serialization")
            .Where(t => !sampled.Contains(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_serializable_type_grain_interface_and_grain_method_has_an_alias_and_no_alias_is_reused()
    {
        var types = Abstractions.GetTypes()
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null || (t.IsInterface && typeof(IGrain).IsAssignableFrom(t)))
            .ToList();
        Assert.All(types, t => Assert.True(t.GetCustomAttribute<AliasAttribute>(inherit: false) is not null, $"{t} has no [Alias]"));
        var aliases = Abstractions.GetTypes().Select(t => t.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias).OfType<string>().ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
        Assert.All(aliases, a => Assert.StartsWith("controlplane.", a, StringComparison.Ordinal));

        foreach (var grain in types.Where(t => t.IsInterface))
        {
            var methods = grain.GetMethods().Select(m => m.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias ?? throw new Xunit.Sdk.XunitException($"{grain.Name}.{m.Name} has no [Alias]")).ToList();
            Assert.Equal(methods.Count, methods.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Every_serializable_record_is_immutable()
    {
        var records = Abstractions.GetTypes()
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && t.GetMethod("<Clone>$") is not null);
        Assert.All(records, t => Assert.True(t.GetCustomAttribute<ImmutableAttribute>() is not null, $"{t} is a record without [Immutable]"));
    }

    [Fact]
    public void Every_domain_exception_is_serializable_with_an_alias()
    {
        var exceptions = Abstractions.GetTypes().Where(t => typeof(DomainException).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(exceptions);
        Assert.All(exceptions, t => Assert.True(
            t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && t.GetCustomAttribute<AliasAttribute>(inherit: false) is not null,
            $"{t} lacks [GenerateSerializer] or [Alias]"));
    }

    private static T Copy<T>(T value) => OrleansWire.Copier.Copy(value)!;

    private static object? Invoke(string method, object sample)
    {
        var owner = method == nameof(Copy) ? typeof(WireTypeRoundTripTests) : typeof(OrleansWire);
        var generic = owner.GetMethod(method, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        return generic.MakeGenericMethod(sample.GetType()).Invoke(null, [sample]);
    }
}
