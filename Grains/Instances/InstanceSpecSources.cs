using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Validation;

namespace ControlPlane.Grains.Instances;

/// <summary>Turns a create request's spec source into the internal spec, through the spec validation grain, or the parser's typed errors.</summary>
internal static class InstanceSpecSources
{
    public static async Task<InstanceSpec> Validate(ISpecValidationGrain validator, InstanceSpecSource source)
    {
        var validation = source switch
        {
            InstanceSpecSource.Simple simple => await validator.ValidateSimpleRequest(simple.Request),
            InstanceSpecSource.Wire wire => await validator.ValidateJson(wire.SpecJson, wire.ApiVersion),
            _ => throw new InvalidInstanceRequestException("Unknown spec source."),
        };
        return validation.NormalizedSpec ?? throw new InvalidInstanceSpecException(validation.Errors);
    }
}
