namespace ControlPlane.Api.Routing.Paging;

/// <summary>
/// A page of a list (external API version 2, Dropshot's <c>ResultsPage</c>): <c>{"items": [...], "next_page": token}</c>;
/// <c>next_page</c> is null on the last page.
/// </summary>
public sealed record ResultsPage<T>
{
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The token that asks for the page after this one; null when there is none.</summary>
    public required string? NextPage { get; init; }
}
