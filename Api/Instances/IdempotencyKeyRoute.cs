namespace ControlPlane.Api.Instances;

/// <summary>
/// Endpoint metadata of a route that reads <see cref="IdempotencyKeyHeader"/>: its OpenAPI operation documents the
/// header, the 200 of a replay and the 422 of a reused key.
/// </summary>
public sealed record IdempotencyKeyRoute;
