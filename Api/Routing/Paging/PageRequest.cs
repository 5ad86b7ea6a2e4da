using System.Globalization;
using ControlPlane.Api.Problems;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.Api.Routing.Paging;

/// <summary>
/// A list request's <c>limit</c> and <c>page_token</c> query parameters (Omicron's conventions), parsed once: a limit of
/// 1 to <see cref="MaxLimit"/> (default <see cref="DefaultLimit"/>) and the position after which the page starts.
/// Anything else is a 400 <c>invalid_field</c> naming the parameter.
/// </summary>
public sealed record PageRequest(int Limit, Guid? After)
{
    public const string LimitParameter = "limit";

    public const string TokenParameter = "page_token";

    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    /// <summary>Parses the query of a list of <paramref name="kind"/> (a token of another list is refused).</summary>
    public static PageRequest Parse(IQueryCollection query, PageTokenKind kind)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new PageRequest(ParseLimit(query[LimitParameter]), ParseToken(query[TokenParameter], kind));
    }

    private static int ParseLimit(StringValues values)
    {
        if (values.Count == 0)
        {
            return DefaultLimit;
        }

        return values.Count == 1 && values[0] is { Length: > 0 and <= 4 } text && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var limit and >= 1 and <= MaxLimit
            ? limit
            : throw Invalid(LimitParameter, $"Query parameter '{LimitParameter}' must be one integer from 1 to {MaxLimit}.");
    }

    private static Guid? ParseToken(StringValues values, PageTokenKind kind)
    {
        if (values.Count == 0)
        {
            return null;
        }

        return values.Count == 1 && PageToken.TryParse(values[0], kind, out var after)
            ? after
            : throw Invalid(TokenParameter, $"Query parameter '{TokenParameter}' is not a page token of this list (use the next_page of a previous page).");
    }

    private static ApiProblemException Invalid(string parameter, string detail) =>
        new(ApiProblem.Field(ErrorCodes.InvalidField, parameter, detail));
}
