using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Specs;
using Xunit;
using V3 = ControlPlane.Grains.Abstractions.Specs.V6;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>The round-trip property: wire -> internal -> wire is the identity up to the documented normalisations, and a fixpoint after that.</summary>
internal static class RoundTrip
{
    /// <summary>What the server may change in an accepted spec: CPUID filled in from the host and sorted.</summary>
    public static V3.InstanceSpec Normalise(V3.InstanceSpec input, SpecValidationOptions options)
    {
        var cpuid = input.Board.Cpuid is { } explicitCpuid ? CpuidSet.TryCreate(explicitCpuid, out _)!.ToWire() : options.HostCpuid.ToWire();
        return input with { Board = input.Board with { Cpuid = cpuid } };
    }

    public static void AssertRoundTrips(V3.InstanceSpec input, Spec spec, SpecValidationOptions options)
    {
        var output = SpecWireConverter.ToWire(spec);
        var expected = Normalise(input, options);
        Assert.Equal(expected.Board, output.Board);
        Assert.Equal(expected.Components.Keys, output.Components.Keys);
        Assert.Equal(expected, output);

        // And once normalised, the JSON text is a fixpoint of parse -> internal -> wire -> JSON.
        var json = WireSpecJson.Write(output);
        var again = new WireSpecParser(options).ParseJson(json, WireSpecJson.LatestApiVersion).Accepted();
        Assert.Equal(spec, again);
        Assert.Equal(json, WireSpecJson.Write(SpecWireConverter.ToWire(again)));
    }
}
