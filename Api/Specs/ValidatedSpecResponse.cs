using System.Text.Json;

namespace ControlPlane.Api.Specs;

/// <summary>A valid spec as the control plane will run it (latest wire shape: CPUID filled in, UUID keys lowercase).</summary>
public sealed record ValidatedSpecResponse
{
    public required JsonElement Spec { get; init; }
}
