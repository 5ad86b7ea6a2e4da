namespace ControlPlane.Api.Routing;

/// <summary>A list response: <c>{"items": [...]}</c>, leaving room for paging fields without breaking clients.</summary>
public sealed record ItemsPage<T>
{
    public required IReadOnlyList<T> Items { get; init; }
}
