using System.Buffers.Text;
using System.Text;

namespace ControlPlane.Api.Routing.Paging;

/// <summary>The lists that hand out page tokens; a token names its list, so one list's token is refused by another.</summary>
public enum PageTokenKind
{
    Instances,
    Sleds,
}

/// <summary>
/// The opaque <c>page_token</c>: base64url of <c>v1/&lt;list&gt;/&lt;last id&gt;</c>, the position after which the next page
/// starts. It holds no secret and grants nothing: any well-formed token is just a position in that list.
/// </summary>
public static class PageToken
{
    private const string Version = "v1";

    public static string Create(PageTokenKind kind, Guid after) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Version}/{Name(kind)}/{after:N}"));

    public static bool TryParse(string? token, PageTokenKind kind, out Guid after)
    {
        after = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 128 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        var prefix = $"{Version}/{Name(kind)}/";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(text.AsSpan(prefix.Length), "N", out after)
            && Create(kind, after) == token; // exactly the form this server writes (no padding, lower case)
    }

    private static string Name(PageTokenKind kind) => kind switch
    {
        PageTokenKind.Instances => "instances",
        PageTokenKind.Sleds => "sleds",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a paged list"),
    };
}
