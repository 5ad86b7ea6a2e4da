namespace ControlPlane.Api.Versioning;

/// <summary>Endpoint metadata: the 200 response body type in each API version (for the OpenAPI document of that version).</summary>
public sealed record ResponseByVersion(IReadOnlyDictionary<int, Type> Types);
