using ControlPlane.Grains.Abstractions.Errors;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Validation;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances;

/// <summary>The create request's spec (simple or wire) did not parse; carries the spec parser's typed errors.</summary>
[GenerateSerializer, Alias("controlplane.instances.InvalidInstanceSpecException")]
public sealed class InvalidInstanceSpecException : InvalidRequestException
{
    public InvalidInstanceSpecException(ValueList<SpecValidationError> errors)
        : base("Invalid instance spec: " + string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}")))
        => Errors = errors;

    public InvalidInstanceSpecException(string message)
        : base(message) => Errors = ValueList<SpecValidationError>.Empty;

    [Id(0)]
    public ValueList<SpecValidationError> Errors { get; }

    public override string Code => DomainErrorCodes.InvalidSpec;
}
