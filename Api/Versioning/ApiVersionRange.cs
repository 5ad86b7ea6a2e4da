namespace ControlPlane.Api.Versioning;

/// <summary>Endpoint metadata: the API versions in which a route exists (from <see cref="Introduced"/> up to, not including, <see cref="RemovedIn"/>).</summary>
public sealed record ApiVersionRange(int Introduced, int? RemovedIn = null)
{
    public bool Contains(int version) => version >= Introduced && (RemovedIn is null || version < RemovedIn);
}
