using System.Text;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Specs;
using Xunit;
using Xunit.Abstractions;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>
/// Seeded randomized test: 10,000 random mutations of valid specs only ever produce typed errors or an
/// accepted spec (never an exception), and every accepted spec round-trips.
/// </summary>
public sealed class RandomizedSpecTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_801;
    private const int Iterations = 10_000;

    [Fact]
    public void Generated_specs_are_accepted_and_round_trip()
    {
        var random = new Random(Seed);
        var generator = new RandomSpecGenerator(random);
        for (var i = 0; i < 1_000; i++)
        {
            var families = random.Next(2) == 0;
            var options = families ? SpecValidationOptions.AllFamilies : SpecValidationOptions.Default;
            var json = generator.Next(families).ToJsonString();
            var spec = new WireSpecParser(options).ParseJson(json).Accepted();
            RoundTrip.AssertRoundTrips(ControlPlane.Grains.Abstractions.Specs.V6.InstanceSpec.FromV5(WireSpecJson.ReadV3(json)), spec, options);
        }
    }

    [Fact]
    public void Mutated_specs_yield_typed_errors_or_round_tripping_specs()
    {
        var random = new Random(Seed);
        var generator = new RandomSpecGenerator(random);
        var mutator = new RandomSpecMutator(random);
        var accepted = 0;
        var codes = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            // Mostly specs this silo could accept, so that mutations decide the outcome; sometimes a
            // silo without the optional families, so that FeatureDisabled is exercised too.
            var families = random.Next(5) != 0;
            var options = families || random.Next(2) == 0 ? SpecValidationOptions.AllFamilies : SpecValidationOptions.Default;
            var apiVersion = random.Next(6) switch { 0 => 1, 1 => 2, _ => 3 };
            var spec = generator.Next(optionalFamilies: families);
            if (apiVersion == 1)
            {
                spec.Remove("smbios");
            }

            var json = mutator.Mutate(spec);
            SpecParseResult result;
            try
            {
                result = new WireSpecParser(options).ParseJson(json, apiVersion);
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} (seed {Seed}, API v{apiVersion}) threw {e.GetType().Name}: {e.Message}\n{json}");
                throw;
            }

            switch (result)
            {
                case SpecParseResult.Accepted ok:
                    accepted++;
                    RoundTrip.AssertRoundTrips(WireSpecJson.ReadAnyVersion(Encoding.UTF8.GetBytes(json), apiVersion), ok.Spec, options);
                    break;
                case SpecParseResult.Rejected rejected:
                    Assert.NotEmpty(rejected.Errors);
                    foreach (var error in rejected.Errors)
                    {
                        Assert.False(string.IsNullOrEmpty(error.Message));
                        codes[error.Code] = codes.GetValueOrDefault(error.Code) + 1;
                        if (error is WireFormatError wire)
                        {
                            Assert.StartsWith("$", wire.Path, StringComparison.Ordinal);
                        }
                    }

                    break;
                default:
                    Assert.Fail($"iteration {i}: neither accepted nor rejected");
                    break;
            }
        }

        output.WriteLine($"accepted {accepted} of {Iterations}; errors: {string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"))}");

        // The mutations exercise both outcomes and a wide range of error types (deterministic for the seed).
        Assert.InRange(accepted, Iterations / 20, Iterations - (Iterations / 5));
        Assert.True(codes.Count >= 20, $"only {codes.Count} error types seen: {string.Join(", ", codes.Keys)}");
    }
}
